"""Every kind of notification reads in its recipient's language, in the inbox and in the e-mail.

The kinds come from the source (``tests/notifications/kinds.py``), so a new ``notify()`` key fails
``test_every_notification_kind_in_the_source_is_produced`` until its step is added there. People and
records carry English (ASCII) data and bilingual organisation names, so Chinese characters in an
English message, or none in a Chinese one, mean text that was not rendered for the reader.
"""

import re

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

from apps.core.i18n_messages import message_has_text
from apps.notifications.models import Notification
from apps.notifications.services import notification_email_send
from apps.organization.models import User
from tests.notifications.kinds import kind_of, kinds_in_source, make_world, produce_every_kind

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]")


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def one_of_each_kind(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        produce_every_kind(world)
    kinds = {}
    for note in Notification.objects.select_related("recipient").order_by("id"):
        kinds.setdefault(kind_of(note.key), note)
    return kinds


def _problems(note, language, subject, body):
    problems = []
    if language == "en":
        if CJK.search(subject) or CJK.search(body):
            problems.append(f"Chinese in an English message: {subject!r} / {body!r}")
    else:
        if not CJK.search(subject):
            problems.append(f"subject not in Chinese: {subject!r}")
        if message_has_text(note.message.get("body")) and not CJK.search(body):
            problems.append(f"body not in Chinese: {body!r}")
    return problems


def test_every_notification_kind_in_the_source_is_produced(one_of_each_kind):
    source = kinds_in_source()
    assert len(source) >= 30  # the source scan found the keys
    missing = sorted(source - set(one_of_each_kind))
    assert not missing, f"add a step to tests/notifications/kinds.py for: {missing}"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_notification_kind_reads_in_the_recipients_language_in_the_inbox_and_the_email(
    one_of_each_kind, language
):
    problems = []
    for kind, note in sorted(one_of_each_kind.items()):
        User.objects.filter(pk=note.recipient_id).update(language=language, email="reader@example.com")
        Notification.objects.filter(pk=note.pk).update(emailed_at=None, send_email=True)
        # The e-mail, as the task sends it (the recipient's language, whatever is active here).
        mail.outbox.clear()
        assert notification_email_send(notification_id=note.pk)
        sent = mail.outbox[0]
        problems += [f"{kind} ({language}, e-mail): {p}" for p in _problems(note, language, sent.subject, sent.body)]
        # The inbox row, as a page in the reader's language renders it.
        with translation.override(language):
            html = render_to_string("notifications/inc/message.html", {"note": note})
            subject, body = note.display_subject, note.display_body
        assert sent.subject == subject and escape(subject) in html
        problems += [f"{kind} ({language}, inbox): {p}" for p in _problems(note, language, subject, body)]
    assert not problems, "\n".join(problems)
