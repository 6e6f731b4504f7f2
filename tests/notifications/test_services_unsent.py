"""What a broker outage must not cost: inbox rows for everyone, no failed request, no lost or doubled e-mail.

The real-process version (redis stopped and restarted, a hanging broker) is test_broker_outage.py.
"""

import datetime
import logging
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from apps.notifications.models import Notification
from apps.notifications.services import notification_email_sweep, notify
from apps.notifications.tasks import email_notification, send_unsent_emails
from config.schedules import SCHEDULES
from tests.notifications.factories import NotificationFactory
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db

BROKER_DOWN = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def _aged(note, minutes=5):
    Notification.objects.filter(pk=note.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=minutes))
    return note


@pytest.fixture
def broker_down():
    with mock.patch.object(email_notification, "apply_async", side_effect=BROKER_DOWN) as publish:
        yield publish


def test_every_recipient_gets_the_inbox_message_when_the_broker_refuses_the_email(
    broker_down, django_capture_on_commit_callbacks
):
    officers = [UserFactory(role="officer") for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(recipients=officers, key="hazard:1:reported", subject="New hazard")
    assert [n.recipient for n in created] == officers
    assert Notification.objects.filter(key="hazard:1:reported", emailed_at__isnull=True).count() == 3


def test_a_broker_failure_pauses_queueing_so_a_page_waits_for_the_broker_once(
    broker_down, settings, caplog, django_capture_on_commit_callbacks
):
    settings.ANQUAN_QUEUE_PAUSE_SECONDS = 30
    caplog.set_level(logging.WARNING, logger="apps.core.queueing")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[UserFactory() for _ in range(3)], key="k", subject="Inspection due")
    assert broker_down.call_count == 1
    assert "could not queue notifications.email_notification" in caplog.text


def test_queueing_waits_for_the_commit_and_a_failure_does_not_skip_the_other_commit_callbacks(
    broker_down, django_capture_on_commit_callbacks
):
    after = mock.Mock()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(recipients=[UserFactory()], key="k", subject="Inspection due")
        assert broker_down.call_count == 0  # nothing leaves before the commit
        transaction.on_commit(after)
    assert broker_down.call_count == 1
    after.assert_called_once()


def test_the_sweeper_emails_what_was_never_queued_and_nothing_twice():
    notes = [_aged(NotificationFactory()) for _ in range(2)]
    assert notification_email_sweep() == 2
    assert notification_email_sweep() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(n.recipient.email for n in notes)
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_the_sweeper_leaves_a_message_created_a_moment_ago_to_its_queued_task():
    NotificationFactory()
    assert notification_email_sweep() == 0
    assert mail.outbox == []


def test_the_sweeper_skips_messages_already_emailed_or_meant_for_the_inbox_only():
    _aged(NotificationFactory(emailed_at=timezone.now()))
    _aged(NotificationFactory(send_email=False))
    assert notification_email_sweep() == 0


def test_the_sweeper_gives_up_on_a_message_older_than_a_week():
    _aged(NotificationFactory(), minutes=8 * 24 * 60)
    assert notification_email_sweep() == 0


def test_one_address_the_mail_server_refuses_does_not_stop_the_sweep():
    first, second = _aged(NotificationFactory()), _aged(NotificationFactory())
    real_send = mail.send_mail

    def refuse_first(subject, body, sender, to, **kwargs):
        if to == [first.recipient.email]:
            raise ConnectionRefusedError("SMTP down for this one")
        return real_send(subject, body, sender, to, **kwargs)

    with mock.patch("apps.notifications.services.send_mail", side_effect=refuse_first):
        assert notification_email_sweep() == 1
    assert [m.to for m in mail.outbox] == [[second.recipient.email]]
    first.refresh_from_db()
    assert first.emailed_at is None  # tried again next run


def test_the_sweeper_task_takes_a_grace_period_in_seconds():
    NotificationFactory()
    assert send_unsent_emails() == 0
    assert send_unsent_emails(older_than_seconds=0) == 1


def test_the_sweeper_is_declared_as_a_periodic_task():
    tasks = {entry["task"]: entry for entry in SCHEDULES.values()}
    assert tasks["notifications.send_unsent_emails"]["every_minutes"] <= 15
