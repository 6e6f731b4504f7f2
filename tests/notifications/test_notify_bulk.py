"""notify_bulk: many messages at once, each once per (recipient, key), in the recipient's language,
at a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_lazy

from apps.notifications.models import Notification
from apps.notifications.services import Message, notify_bulk
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db


def _messages(users, key="k"):
    return [Message(u, f"{key}:{u.pk}", gettext_lazy("This field is required."), "", "/") for u in users]


def test_each_message_is_sent_once_however_often_it_is_asked_for():
    users = [UserFactory() for _ in range(3)]
    assert notify_bulk(_messages(users)) == 3
    assert notify_bulk(_messages(users)) == 0
    assert Notification.objects.count() == 3


def test_the_subject_is_in_each_recipients_language():
    en, zh = UserFactory(language="en"), UserFactory(language="zh-hans")
    notify_bulk(_messages([en, zh]))
    assert Notification.objects.get(recipient=en).subject == "This field is required."
    assert Notification.objects.get(recipient=zh).subject == "这个字段是必填项。"


def test_inactive_people_get_nothing():
    notify_bulk(_messages([UserFactory(is_active=False)]))
    assert not Notification.objects.exists()


def test_ninety_messages_cost_as_many_queries_as_ten_not_one_per_person():
    def cost(n, key):
        users = [UserFactory() for _ in range(n)]
        with CaptureQueriesContext(connection) as ctx:
            notify_bulk(_messages(users, key), email=False)
        return len(ctx.captured_queries)

    assert cost(10, "a") == cost(90, "b")


def test_e_mails_are_queued_after_commit_for_recipients_with_an_address(django_capture_on_commit_callbacks, mailoutbox):
    users = [UserFactory(email=f"p{i}@example.com") for i in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        notify_bulk(_messages(users))
    assert len(mailoutbox) == 2
