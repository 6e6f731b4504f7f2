"""The one way anything in Anquan tells a person something: inbox message plus e-mail, once per key."""

from __future__ import annotations

import dataclasses
import datetime
import json
import logging
from collections.abc import Iterable
from types import SimpleNamespace

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from apps.core.i18n_messages import language_of, message_dump, message_render
from apps.core.queueing import queue_after_commit

from .models import Notification

logger = logging.getLogger(__name__)

# notification_email_sweep: what a run picks up.
SWEEP_GRACE = datetime.timedelta(minutes=2)
SWEEP_MAX_AGE = datetime.timedelta(days=7)
SWEEP_BATCH = 500


def notify(
    *,
    recipients: Iterable,
    key: str,
    subject,
    body="",
    url: str = "",
    email: bool = True,
    about=None,
    topic: str = "",
) -> list[Notification]:
    """Send ``subject``/``body`` to each recipient once for ``key``; return the newly created messages.

    Pass ``subject`` and ``body`` as lazy translations (``gettext_lazy``, ``format_lazy`` with dates and
    records as parameters), never as text translated now: they are stored as message ids and parameters
    (:func:`apps.core.i18n_messages.message_dump`) and shown and e-mailed in each reader's language — also after
    the reader changes it. A recipient who already has a message with this key gets nothing new, so
    callers may call this as often as they like.

    ``about`` (a record) and ``topic`` (what is asked of the reader, in the record module's own words)
    let the inbox tell when the message is no longer needed: the module registers a check for its
    model (:mod:`apps.notifications.relevance`), e.g. a "please sign it off" whose hazard was signed off.

    Every inbox row is written first; only then are the e-mails queued, each after commit and guarded
    (:func:`apps.core.queueing.queue_after_commit`): a broker that is down or hangs costs no one their
    in-app message and fails no request. An e-mail that could not be queued keeps ``emailed_at`` empty
    and is sent by :func:`notification_email_sweep`.
    """
    created = []
    seen = set()
    message = {"subject": message_dump(subject), "body": message_dump(body)}
    about_fields = {}
    if about is not None:
        about_fields = {
            "about_type": ContentType.objects.get_for_model(about),
            "about_id": about.pk,
            "about_topic": topic[:100],
        }
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        language = language_of(user)
        try:
            with transaction.atomic():
                note = Notification.objects.create(
                    recipient=user,
                    key=key[:200],
                    subject=message_render(message["subject"], language)[:300],
                    body=message_render(message["body"], language),
                    message=message,
                    url=url,
                    send_email=email and bool(user.email),
                    **about_fields,
                )
        except IntegrityError:
            continue  # already sent for this key
        created.append(note)
    if any(note.send_email for note in created):
        from .tasks import email_notification

        for note in created:
            if note.send_email:
                queue_after_commit(email_notification, note.pk)
    return created


BULK_BATCH = 1000


def notify_many(*, recipients, key: str, subject, body="", url: str = "", email: bool = True) -> int:
    """:func:`notify` for a crowd (a campaign for 50,000 people): ``recipients`` is a queryset of users.
    Each batch of :data:`BULK_BATCH` people costs three queries — who already has ``key``, one insert,
    the new rows' ids for e-mail — and each message is rendered once per language, not per person.
    Returns how many messages were new."""
    created = 0
    key = key[:200]
    people = recipients.filter(is_active=True).order_by("pk").values_list("pk", "language", "email")
    batch = []
    for row in people.iterator(chunk_size=BULK_BATCH):
        batch.append(row)
        if len(batch) == BULK_BATCH:
            created += _notify_batch(batch, key=key, subject=subject, body=body, url=url, email=email)
            batch = []
    if batch:
        created += _notify_batch(batch, key=key, subject=subject, body=body, url=url, email=email)
    return created


def _message(subject, body) -> dict:
    """The stored form of a message: ids and parameters, rendered in each reader's language when shown."""
    return {"subject": message_dump(subject), "body": message_dump(body)}


def _row(*, recipient_id, language, address, key, message, url, email, rendered) -> Notification:
    """One unsaved inbox row; ``rendered`` caches the text per language (a crowd shares a few languages)."""
    if language not in rendered:
        rendered[language] = (
            message_render(message["subject"], language)[:300],
            message_render(message["body"], language),
        )
    text_subject, text_body = rendered[language]
    return Notification(
        recipient_id=recipient_id, key=key, subject=text_subject, body=text_body, message=message, url=url,
        send_email=email and bool(address),
    )  # fmt: skip


def _queue_emails(rows) -> None:
    """Queue the e-mails of freshly inserted rows (each after commit, guarded: see :func:`notify`)."""
    from .tasks import email_notification

    for pk in rows:
        queue_after_commit(email_notification, pk)


def _notify_batch(batch, *, key, subject, body, url, email) -> int:
    ids = [pk for pk, _lang, _mail in batch]
    have = set(Notification.objects.filter(key=key, recipient_id__in=ids).values_list("recipient_id", flat=True))
    message = _message(subject, body)
    rendered = {}
    rows = [
        _row(
            recipient_id=pk,
            language=language_of(SimpleNamespace(language=language)),
            address=address,
            key=key,
            message=message,
            url=url,
            email=email,
            rendered=rendered,
        )  # fmt: skip
        for pk, language, address in batch
        if pk not in have
    ]
    if not rows:
        return 0
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if email:
        _queue_emails(
            Notification.objects.filter(
                key=key, recipient_id__in=[r.recipient_id for r in rows], send_email=True, emailed_at__isnull=True
            ).values_list("pk", flat=True)
        )
    return len(rows)


@dataclasses.dataclass(frozen=True)
class Message:
    """One message for :func:`notify_bulk` (``subject``/``body`` lazy translations, as for :func:`notify`)."""

    recipient: object
    key: str
    subject: object
    body: object = ""
    url: str = ""
    about: object = None  # the record the message is about, and what it asks (see notify)
    topic: str = ""


_BULK_BATCH = 500  # rows per lookup and per insert (stays under SQLite's bound-parameter limit)


def notify_bulk(messages: Iterable[Message], *, email: bool = True, sent: set | None = None) -> int:
    """Send many messages at once, each once per (recipient, key), as :func:`notify` does one at a time:
    a periodic reminder to thousands of people costs one lookup and one bulk insert per 500 messages
    (SQLite splits an insert by its parameter limit) instead of queries per person. Returns how many
    were new. E-mails are queued after commit, guarded like :func:`notify`'s.

    ``sent``: the ``(recipient id, key)`` pairs that already exist, when the caller found them itself in
    one set-based query (an anti-join of what is due against the sent messages): then there is no lookup
    here and the rows go in as one insert — a reminder run costs the same number of queries whatever the
    number of rows (issue 12).

    If another run inserts one of the same keys meanwhile, that batch falls back to :func:`notify`, which
    skips what exists.
    """
    pending: dict[tuple[int, str], Message] = {}
    for m in messages:
        user = m.recipient
        if user is None or not user.is_active:
            continue
        key = m.key[:200]
        if sent is not None and (user.pk, key) in sent:
            continue
        pending.setdefault((user.pk, key), m)
    items = list(pending.items())
    created_count = 0
    size = _BULK_BATCH if sent is None else max(len(items), 1)
    for i in range(0, len(items), size):
        batch = items[i : i + size]
        if sent is None:
            keys = {key for (_pk, key), _m in batch}
            already = set(
                Notification.objects.filter(key__in=keys, recipient_id__in={pk for (pk, _k), _m in batch}).values_list(
                    "recipient_id", "key"
                )
            )
        else:
            already = set()
        todo = [(key, m) for (pk, key), m in batch if (pk, key) not in already]
        if not todo:
            continue
        rows = []
        stored = {}  # one message sent to many (every officer): stored and rendered once per language
        wanted = {}  # language -> messages to render in it (one translation.override per language)
        for _key, m in todo:
            ident = (id(m.subject), id(m.body))
            if ident not in stored:
                stored[ident] = (_message(m.subject, m.body), {})
            wanted.setdefault(language_of(m.recipient), set()).add(ident)
        for language, idents in wanted.items():
            with translation.override(language):
                for ident in idents:
                    message, rendered = stored[ident]
                    rendered[language] = (
                        message_render(message["subject"])[:300],
                        message_render(message["body"]),
                    )
        for key, m in todo:
            message, rendered = stored[(id(m.subject), id(m.body))]
            row = _row(
                recipient_id=m.recipient.pk,
                language=language_of(m.recipient),
                address=m.recipient.email,
                key=key,
                message=message,
                url=m.url,
                email=email,
                rendered=rendered,
            )  # fmt: skip
            if m.about is not None:
                row.about_type = ContentType.objects.get_for_model(m.about)
                row.about_id = m.about.pk
                row.about_topic = m.topic[:100]
            rows.append(row)
        try:
            with transaction.atomic():
                created = _insert_rows(rows) if sent is not None else Notification.objects.bulk_create(rows)
        except IntegrityError:
            for key, m in todo:
                created_count += len(
                    notify(
                        recipients=[m.recipient],
                        key=key,
                        subject=m.subject,
                        body=m.body,
                        url=m.url,
                        email=email,
                        about=m.about,
                        topic=m.topic,
                    )  # fmt: skip
                )
            continue
        created_count += len(created)
        if email:
            _queue_emails([n.pk for n in created if n.send_email and n.pk is not None])
    return created_count


def _insert_rows(rows: list[Notification]) -> list[Notification]:
    """Insert ``rows`` and set their ids: on PostgreSQL the ids are drawn from the sequence in one query and
    the rows go in by ``COPY`` (a reminder run's tens of thousands of rows in a second, where an ``INSERT``
    of that many spends its time binding parameters); elsewhere ``bulk_create``."""
    if connection.vendor != "postgresql" or not rows:
        return Notification.objects.bulk_create(rows)
    table = Notification._meta.db_table
    fields = list(Notification._meta.concrete_fields)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(rows)]
        )
        ids = [row[0] for row in cursor.fetchall()]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        copying = cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN")
        with connection.wrap_database_errors, copying as copy:  # a duplicate key is an IntegrityError
            for pk, row in zip(ids, rows, strict=True):
                row.pk = pk
                row.created_at = row.created_at or now
                values = []
                for f in fields:
                    value = getattr(row, f.attname)
                    if f.attname == "message":
                        value = json.dumps(value)
                    values.append(value)
                copy.write_row(values)
    return rows


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification unless it was already e-mailed; safe to run twice at once."""
    with transaction.atomic():
        note = Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        if note is None or note.emailed_at is not None or not note.send_email:
            return False
        link = f"{settings.SITE_URL}{note.url}" if note.url.startswith("/") else note.url
        with translation.override(language_of(note.recipient)):
            subject, body = note.subject_text(), note.body_text()
        text = body + (f"\n\n{link}" if link else "")
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [note.recipient.email])
        note.emailed_at = timezone.now()
        note.save(update_fields=["emailed_at"])
    return True


def notification_email_sweep(*, older_than: datetime.timedelta = SWEEP_GRACE, limit: int = SWEEP_BATCH) -> int:
    """E-mail the notifications whose e-mail was never sent (broker down, worker lost); return how many.

    Picks messages at least ``older_than`` old (so a task queued a moment ago gets its chance first) and
    younger than :data:`SWEEP_MAX_AGE` (a message that has failed for a week is not retried forever),
    oldest first, at most ``limit`` per run. Idempotent: :func:`notification_email_send` locks the row and
    skips one that has ``emailed_at``, so a sweep racing the queued task — or another sweep — sends once.
    One failing address does not stop the others.
    """
    now = timezone.now()
    pending = (
        Notification.objects.filter(
            send_email=True,
            emailed_at__isnull=True,
            created_at__lte=now - older_than,
            created_at__gte=now - SWEEP_MAX_AGE,
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in list(pending):
        try:
            sent += notification_email_send(notification_id=pk)
        except Exception:  # SMTP refused this one; the next run tries again
            logger.warning("notifications: e-mail for notification %s failed; retried next run", pk, exc_info=True)
    if sent:
        logger.info("notifications: sent %d e-mail(s) that had not gone out", sent)
    return sent


def notification_mark_read(*, user, notification_ids=None) -> int:
    """Mark the user's own notifications read (all unread ones when ``notification_ids`` is None)."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())
