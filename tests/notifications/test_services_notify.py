import pytest
from django.core import mail
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from apps.notifications.models import Notification
from apps.notifications.services import notification_email_send, notification_mark_read, notify
from apps.notifications.tasks import deliver
from tests.notifications.factories import NotificationFactory
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notify_creates_one_message_for_each_recipient():
    alice, bob = UserFactory(), UserFactory()
    created = notify(recipients=[alice, bob], key="drill:1:upcoming", subject="Fire drill on Friday")
    assert [n.recipient for n in created] == [alice, bob]
    assert Notification.objects.filter(key="drill:1:upcoming").count() == 2


def test_notify_twice_with_the_same_key_sends_nothing_the_second_time():
    alice = UserFactory()
    notify(recipients=[alice], key="drill:1:upcoming", subject="Fire drill on Friday")
    assert notify(recipients=[alice], key="drill:1:upcoming", subject="Fire drill on Friday") == []
    assert Notification.objects.filter(recipient=alice).count() == 1


def test_notify_with_a_recipient_listed_twice_sends_once():
    alice = UserFactory()
    assert len(notify(recipients=[alice, alice], key="k", subject="Once")) == 1


def test_a_key_already_sent_to_one_person_still_reaches_another():
    alice, bob = UserFactory(), UserFactory()
    notify(recipients=[alice], key="hazard:7:overdue", subject="Overdue")
    assert len(notify(recipients=[alice, bob], key="hazard:7:overdue", subject="Overdue")) == 1
    assert Notification.objects.filter(recipient=bob, key="hazard:7:overdue").exists()


def test_notify_renders_a_lazy_subject_in_each_recipients_language():
    english, chinese = UserFactory(language="en"), UserFactory(language="zh-hans")
    subject = format_lazy("{}: {}", gettext_lazy("Warning"), gettext_lazy("This field is required."))
    notify(recipients=[english, chinese], key="k", subject=subject, body=gettext_lazy("This field is required."))
    assert Notification.objects.get(recipient=english).body == "This field is required."
    assert Notification.objects.get(recipient=chinese).body == "这个字段是必填项。"
    assert Notification.objects.get(recipient=chinese).subject.endswith(": 这个字段是必填项。")


def test_a_recipient_without_a_language_gets_the_site_language():
    user = UserFactory(language="")
    notify(recipients=[user], key="k", subject="s", body=gettext_lazy("This field is required."))
    assert Notification.objects.get(recipient=user).body == "This field is required."


def test_notify_skips_inactive_recipients():
    gone = UserFactory(is_active=False)
    assert notify(recipients=[gone, None], key="k", subject="Hello") == []
    assert not Notification.objects.exists()


def test_the_email_is_queued_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    alice = UserFactory(email="alice@example.com")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[alice], key="k", subject="Inspection due")
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]
    assert Notification.objects.get(recipient=alice).emailed_at is not None


def test_notify_called_twice_for_the_same_key_sends_one_email(django_capture_on_commit_callbacks):
    alice = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[alice], key="k", subject="Inspection due")
        notify(recipients=[alice], key="k", subject="Inspection due")
    assert len(mail.outbox) == 1


def test_sending_the_email_of_a_notification_twice_sends_it_once():
    note = NotificationFactory()
    assert notification_email_send(notification_id=note.pk) is True
    assert notification_email_send(notification_id=note.pk) is False
    assert len(mail.outbox) == 1


def test_the_email_carries_the_body_and_an_absolute_link(settings):
    settings.SITE_URL = "https://safety.example.com"
    note = NotificationFactory(subject="Hazard overdue", body="Fix the cable.", url="/hazards/4/")
    notification_email_send(notification_id=note.pk)
    assert mail.outbox[0].subject == "Hazard overdue"
    assert mail.outbox[0].body == "Fix the cable.\n\nhttps://safety.example.com/hazards/4/"


def test_a_recipient_without_an_email_address_gets_only_the_inbox_message(django_capture_on_commit_callbacks):
    user = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[user], key="k", subject="Hello")
    assert Notification.objects.get(recipient=user).send_email is False
    assert mail.outbox == []


def test_notify_with_email_off_sends_no_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(recipients=[UserFactory()], key="k", subject="Hello", email=False)
    assert callbacks == []
    assert mail.outbox == []


def test_the_deliver_task_sends_once_per_key(django_capture_on_commit_callbacks):
    alice = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(alice.pk, "drill:3:upcoming", "Drill tomorrow") == 1
        assert deliver(alice.pk, "drill:3:upcoming", "Drill tomorrow") == 0
    assert len(mail.outbox) == 1


def test_the_deliver_task_for_a_deleted_user_does_nothing():
    assert deliver(987654, "k", "Hello") == 0


def test_mark_read_touches_only_the_users_own_messages():
    mine, theirs = NotificationFactory(), NotificationFactory()
    assert notification_mark_read(user=mine.recipient, notification_ids=[mine.pk, theirs.pk]) == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_without_ids_marks_every_unread_message():
    user = UserFactory()
    NotificationFactory.create_batch(3, recipient=user)
    assert notification_mark_read(user=user) == 3
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
