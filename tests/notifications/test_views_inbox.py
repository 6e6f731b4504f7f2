import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.notifications.models import Notification
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")
BADGE = reverse("notifications:unread_badge")


@pytest.fixture
def signed_in(client, employee):
    client.force_login(employee)
    return client


def _open(client, note):
    return client.post(reverse("notifications:open", args=[note.pk]))


def test_the_inbox_lists_only_the_users_own_messages(signed_in, employee, outsider):
    NotificationFactory(recipient=employee, subject="For the employee")
    NotificationFactory(recipient=outsider, subject="For someone else")
    response = signed_in.get(INBOX)
    assert [n.subject for n in response.context["page"]] == ["For the employee"]


def test_the_inbox_shows_twenty_five_messages_per_page(signed_in, employee):
    NotificationFactory.create_batch(26, recipient=employee)
    assert len(signed_in.get(INBOX).context["page"]) == 25
    assert len(signed_in.get(INBOX, {"page": 2}).context["page"]) == 1


def test_the_unread_filter_hides_read_messages(signed_in, employee):
    NotificationFactory(recipient=employee, subject="New")
    NotificationFactory(recipient=employee, subject="Old", read_at=timezone.now())
    response = signed_in.get(INBOX, {"unread": "1"})
    assert [n.subject for n in response.context["page"]] == ["New"]


def test_pagination_links_keep_the_unread_filter(signed_in, employee):
    NotificationFactory.create_batch(26, recipient=employee)
    assert "?unread=1&amp;page=2" in signed_in.get(INBOX, {"unread": "1"}).content.decode()


def test_opening_a_message_marks_it_read_and_follows_its_link(signed_in, employee):
    note = NotificationFactory(recipient=employee, url="/hazards/4/")
    response = _open(signed_in, note)
    assert response.status_code == 302
    assert response["Location"] == "/hazards/4/"
    note.refresh_from_db()
    assert note.is_read


@pytest.mark.parametrize(
    "url",
    ["https://evil.example/phish", "//evil.example/phish", "javascript:alert(1)", "http://testserver/x", "relative/"],
)
def test_opening_a_message_never_follows_a_link_off_the_site(signed_in, employee, url):
    note = NotificationFactory(recipient=employee, url=url)
    assert _open(signed_in, note)["Location"] == INBOX


def test_opening_a_message_without_a_link_returns_to_the_inbox(signed_in, employee):
    note = NotificationFactory(recipient=employee, url="")
    assert _open(signed_in, note)["Location"] == INBOX


def test_opening_another_persons_message_is_not_found(signed_in, outsider):
    note = NotificationFactory(recipient=outsider)
    assert _open(signed_in, note).status_code == 404
    note.refresh_from_db()
    assert not note.is_read


def test_mark_all_read_marks_only_the_users_messages(signed_in, employee, outsider):
    NotificationFactory.create_batch(2, recipient=employee)
    NotificationFactory(recipient=outsider)
    response = signed_in.post(reverse("notifications:mark_all_read"), follow=True)
    assert not Notification.objects.filter(recipient=employee, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=outsider, read_at__isnull=True).count() == 1
    assert "2 message(s) marked as read." in response.content.decode()


def test_the_navbar_shows_the_unread_count(signed_in, employee):
    NotificationFactory.create_batch(3, recipient=employee)
    NotificationFactory(recipient=employee, read_at=timezone.now())
    assert 'id="unread-count">3</span>' in signed_in.get(INBOX).content.decode()


def test_the_navbar_badge_polls_for_updates_every_minute(signed_in):
    html = signed_in.get(INBOX).content.decode()
    assert f'hx-get="{BADGE}?variant=nav" hx-trigger="every 60s"' in html
    assert f'hx-get="{BADGE}?variant=phone" hx-trigger="every 60s"' in html


def test_the_badge_endpoint_returns_the_current_unread_count(signed_in, employee):
    NotificationFactory.create_batch(2, recipient=employee)
    response = signed_in.get(BADGE, {"variant": "nav"}, headers={"HX-Request": "true"})
    assert 'id="unread-count">2</span>' in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_the_badge_endpoint_renders_no_number_when_everything_is_read(signed_in):
    html = signed_in.get(BADGE, {"variant": "phone"}).content.decode()
    assert "badge rounded-pill" not in html
    assert 'hx-trigger="every 60s"' in html  # keeps polling


def test_the_badge_endpoint_tells_a_signed_out_page_to_stop_polling(client):
    assert client.get(BADGE).status_code == 286


def _inbox_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INBOX).status_code == 200
    return len(queries)


def test_the_inbox_runs_the_same_number_of_queries_for_three_or_twenty_five_messages(signed_in, employee):
    NotificationFactory.create_batch(3, recipient=employee)
    few = _inbox_queries(signed_in)
    NotificationFactory.create_batch(22, recipient=employee)
    assert _inbox_queries(signed_in) == few
