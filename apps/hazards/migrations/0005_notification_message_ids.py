"""Hazard messages sent before notifications kept message ids: recover them, so they read in each
reader's language, and name the hazard and what they ask, so a reminder that is no longer needed says so.

Those messages were rendered in English (nobody had a language set) from a fixed set of texts; each text
below is matched whole against the stored subject or body, its ``{placeholders}`` taking the record
number, title, dates and so on. A text that matches none stays as it is: the stored text is the fallback
the inbox shows. Backwards, the recovered ids and subjects are removed again.
"""

import re

from django.db import migrations

DATE = r"\d{4}-\d{2}-\d{2}"

# The texts of apps/hazards/services.py as they were when this migration was written.
SUBJECTS = [
    "New hazard reported: please assess it",
    "Hazard assessed: plan its rectification",
    "Your hazard report was not accepted",
    "You are responsible for rectifying this hazard",
    "Major hazard: rectification plan",
    "Rectified: please sign it off",
    "Signed off: please verify the rectification",
    "Rectification returned",
    "Hazard verified and closed",
    "Hazard reopened",
    "Rectification due soon",
    "Rectification overdue",
    "Escalation: hazard rectification long overdue",
    "Awaiting sign-off since {date}",
    "Awaiting verification since {date}",
]
BODIES = [
    "Rectify by {deadline}.",
    "Rectify by {deadline}: {measures}",
    "{title}. Funds: {funds} CNY.",
    "{title}: rectify by {deadline}.",
    "{title}: the deadline was {deadline}.",
    "{title}: the deadline was {deadline}; responsible: {person}.",
    "{title}: rectified on {date} and not yet signed off by the department head.",
    "{title}: rectified by the department head on {date} and not yet signed off by management.",
    "{title}: signed off on {date} and not yet verified on site by a safety officer.",
]
DATE_PARAMS = {"date", "deadline"}

# key kind → what the message asks (apps.hazards.services TOPIC_*); kinds not listed ask nothing.
TOPICS = {
    "reported": "assess",
    "assessed": "plan",
    "plan": "rectify",
    "returned": "rectify",
    "reopened": "rectify",
    "rectified": "sign_off",
    "sign_off_waiting": "sign_off",
    "signed-off": "verify",
    "verify_waiting": "verify",
}
DEADLINE_KINDS = {"due-soon", "overdue", "escalated"}


def _pattern(text):
    parts = re.split(r"(\{\w+\})", text)
    regex = "".join(
        (f"(?P<{p[1:-1]}>{DATE})" if p[1:-1] in DATE_PARAMS else f"(?P<{p[1:-1]}>.*)")
        if p.startswith("{")
        else re.escape(p)
        for p in parts
    )
    return re.compile(regex, re.DOTALL)


def _param(name, value):
    return {"date": value} if name in DATE_PARAMS else value


def _message(text, patterns):
    for msgid, pattern in patterns:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        kwargs = {name: _param(name, value) for name, value in match.groupdict().items()}
        if not kwargs:
            return {"msgid": msgid}
        return {"format": {"msgid": msgid}, "args": [], "kwargs": kwargs}
    return None


def _subject(text, patterns):
    """``YH-2026-0001 <text>``, as ``_subject`` in the services wrote it."""
    number, _sep, rest = text.partition(" ")
    inner = _message(rest, patterns)
    if inner is None:
        return None
    return {"format": "{number} {text}", "args": [], "kwargs": {"number": number, "text": inner}}


def forwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    hazard_type, _created = ContentType.objects.get_or_create(app_label="hazards", model="hazard")
    subjects = [(text, _pattern(text)) for text in SUBJECTS]
    bodies = [(text, _pattern(text)) for text in BODIES]
    changed = []
    for note in Notification.objects.filter(key__startswith="hazard:", message={}).iterator(chunk_size=500):
        parts = note.key.split(":")
        if len(parts) < 3 or not parts[1].isdigit():
            continue
        kind, stamp = parts[2], ":".join(parts[3:])
        subject = _subject(note.subject, subjects)
        if subject is not None:
            body = _message(note.body, bodies) if note.body else ""
            note.message = {"subject": subject, "body": note.body if body is None else body}
        topic = TOPICS.get(kind) or (f"deadline:{stamp}" if kind in DEADLINE_KINDS and stamp else "")
        if topic:
            note.about_type_id, note.about_id, note.about_topic = hazard_type.pk, int(parts[1]), topic
        if subject is not None or topic:
            changed.append(note)
    Notification.objects.bulk_update(changed, ["message", "about_type", "about_id", "about_topic"], batch_size=500)


def backwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Notification.objects.filter(key__startswith="hazard:").update(
        message={}, about_type=None, about_id=None, about_topic=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("hazards", "0004_site_and_bilingual_title"),
        ("notifications", "0002_message_ids_and_subject"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
