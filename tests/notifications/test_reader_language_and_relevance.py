"""Messages are shown and e-mailed in the reader's language of the moment; a reminder whose record moved on
says it is no longer needed (inbox) or is left out (home page)."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from apps.hazards import services as hazards
from apps.notifications.models import Notification
from apps.notifications.relevance import mark_obsolete
from apps.notifications.services import notification_email_send, notify
from apps.organization.models import User
from tests.hazards.factories import HazardFactory
from tests.inspections.factories import InspectionFactory
from tests.notifications.factories import NotificationFactory
from tests.organization.factories import AreaFactory, UserFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")
HOME = reverse("home")
REQUIRED, REQUIRED_ZH = "This field is required.", "这个字段是必填项。"


def test_the_inbox_shows_a_message_in_the_language_the_reader_chose_after_it_was_sent(client, employee):
    User.objects.filter(pk=employee.pk).update(language="en")
    notify(recipients=[employee], key="k", subject=gettext_lazy(REQUIRED))
    User.objects.filter(pk=employee.pk).update(language="zh-hans")
    client.force_login(employee)
    html = client.get(INBOX).content.decode()
    assert REQUIRED_ZH in html
    assert REQUIRED not in html


def test_the_email_goes_out_in_the_recipients_language_at_sending_time(employee):
    User.objects.filter(pk=employee.pk).update(language="en")
    [note] = notify(recipients=[employee], key="k", subject=gettext_lazy(REQUIRED), email=False)
    User.objects.filter(pk=employee.pk).update(language="zh-hans")
    Notification.objects.filter(pk=note.pk).update(send_email=True)
    notification_email_send(notification_id=note.pk)
    assert mail.outbox[0].subject == REQUIRED_ZH


def test_a_person_without_a_language_gets_the_company_default_in_the_inbox(client, employee, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    notify(recipients=[employee], key="k", subject=format_lazy("{}", gettext_lazy(REQUIRED)))
    client.force_login(employee)
    response = client.get(INBOX, HTTP_ACCEPT_LANGUAGE="en")
    assert REQUIRED_ZH in response.content.decode()
    assert response["Content-Language"] == "zh-hans"


def test_a_message_stored_before_message_ids_shows_its_stored_text(client, employee):
    NotificationFactory(recipient=employee, subject="Old reminder", message={})
    client.force_login(employee)
    assert "Old reminder" in client.get(INBOX).content.decode()


# --- no longer needed -----------------------------------------------------------------------------


@pytest.fixture
def rectified(employee, head, officer, django_capture_on_commit_callbacks):
    """A hazard of the head's department, rectified by the employee: the head is asked to sign it off."""
    area = AreaFactory(department=employee.department)
    with django_capture_on_commit_callbacks(execute=True):
        hazard = hazards.hazard_report(user=employee, title="Blocked exit", area=area)
        hazards.hazard_assess(hazard=hazard, user=officer, grade="general", likelihood=2, severity=2, category="fire")
        hazards.hazard_plan(
            hazard=hazard, user=officer, measures="Clear", responsible_person=employee, department=employee.department
        )
        hazards.hazard_rectify(hazard=hazard, user=employee, note="Cleared")
    return hazard


def _sign_off_request(head):
    return Notification.objects.get(recipient=head, key__contains=":rectified:")


def test_a_sign_off_request_is_still_needed_while_the_hazard_awaits_sign_off(rectified, head):
    [note] = mark_obsolete([_sign_off_request(head)])
    assert not note.is_obsolete


def test_a_sign_off_request_is_no_longer_needed_once_the_hazard_is_signed_off(rectified, head):
    hazards.hazard_sign_off(hazard=rectified, user=head)
    [note] = mark_obsolete([_sign_off_request(head)])
    assert note.is_obsolete


def test_the_inbox_greys_a_message_that_is_no_longer_needed(client, rectified, head):
    hazards.hazard_sign_off(hazard=rectified, user=head)
    client.force_login(head)
    html = client.get(INBOX).content.decode()
    assert "notification-obsolete" in html
    assert "No longer needed" in html


def test_the_home_page_leaves_out_a_message_that_is_no_longer_needed(client, rectified, head):
    client.force_login(head)
    assert "please sign it off" in client.get(HOME).content.decode()
    hazards.hazard_sign_off(hazard=rectified, user=head)
    assert "please sign it off" not in client.get(HOME).content.decode()


def test_a_deadline_reminder_is_no_longer_needed_once_the_deadline_changed(employee, officer):
    hazard = HazardFactory(status="rectifying", deadline=timezone.localdate(), responsible_person=employee)
    hazards.hazard_reminders_send(today=timezone.localdate())
    note = Notification.objects.get(recipient=employee, key__contains=":due-soon:")
    assert not mark_obsolete([note])[0].is_obsolete
    type(hazard).objects.filter(pk=hazard.pk).update(deadline=timezone.localdate() + datetime.timedelta(days=7))
    assert mark_obsolete([note])[0].is_obsolete


def test_a_message_about_a_deleted_record_is_no_longer_needed(employee):
    inspection = InspectionFactory()
    [note] = notify(recipients=[employee], key="k", subject="Inspection due", about=inspection, topic="carry_out")
    inspection.delete()
    assert mark_obsolete([note])[0].is_obsolete


def test_a_message_without_a_topic_is_always_needed(employee):
    [note] = notify(recipients=[employee], key="k", subject="Closed", about=HazardFactory(status="closed"))
    assert not mark_obsolete([note])[0].is_obsolete


def test_home_page_messages_open_like_the_inbox_ones(client, employee):
    note = NotificationFactory(recipient=employee, url="/hazards/")
    client.force_login(employee)
    html = client.get(HOME).content.decode()
    assert f'action="{reverse("notifications:open", args=[note.pk])}"' in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _messages_about_records(user, n):
    for i in range(n):
        notify(recipients=[user], key=f"h{i}", subject="h", about=HazardFactory(), topic="assess")
        notify(recipients=[user], key=f"i{i}", subject="i", about=InspectionFactory(), topic="carry_out")


@pytest.mark.parametrize("url", [INBOX, HOME])
def test_telling_which_messages_are_still_needed_costs_the_same_queries_for_few_or_many(client, url):
    user = UserFactory()
    client.force_login(user)
    _messages_about_records(user, 2)
    few = _queries(client, url)
    _messages_about_records(user, 10)
    assert _queries(client, url) == few
