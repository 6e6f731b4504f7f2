"""The one way anything in Anquan tells a person something: inbox message plus e-mail, once per key."""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from apps.core.queueing import queue_after_commit

from .models import Notification

logger = logging.getLogger(__name__)

# notification_email_sweep: what a run picks up.
SWEEP_GRACE = datetime.timedelta(minutes=2)
SWEEP_MAX_AGE = datetime.timedelta(days=7)
SWEEP_BATCH = 500


def _in_language(user, text) -> str:
    """Render a (lazy) string in the recipient's language."""
    if text is None:
        return ""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        return str(text)


def notify(
    *, recipients: Iterable, key: str, subject, body="", url: str = "", email: bool = True
) -> list[Notification]:
    """Send ``subject``/``body`` to each recipient once for ``key``; return the newly created messages.

    ``subject`` and ``body`` may be lazy translations (``gettext_lazy``/``format_lazy``): each recipient
    gets them in their own language. A recipient who already has a message with this key gets
    nothing new, so callers may call this as often as they like.

    Every inbox row is written first; only then are the e-mails queued, each after commit and guarded
    (:func:`apps.core.queueing.queue_after_commit`): a broker that is down or hangs costs no one their
    in-app message and fails no request. An e-mail that could not be queued keeps ``emailed_at`` empty
    and is sent by :func:`notification_email_sweep`.
    """
    created = []
    seen = set()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        try:
            with transaction.atomic():
                note = Notification.objects.create(
                    recipient=user,
                    key=key[:200],
                    subject=_in_language(user, subject)[:300],
                    body=_in_language(user, body),
                    url=url,
                    send_email=email and bool(user.email),
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


def _notify_batch(batch, *, key, subject, body, url, email) -> int:
    ids = [pk for pk, _lang, _mail in batch]
    have = set(Notification.objects.filter(key=key, recipient_id__in=ids).values_list("recipient_id", flat=True))
    rendered = {}
    rows = []
    for pk, language, address in batch:
        if pk in have:
            continue
        lang = language or settings.LANGUAGE_CODE
        if lang not in rendered:
            with translation.override(lang):
                rendered[lang] = (str(subject)[:300], str(body or ""))
        text_subject, text_body = rendered[lang]
        rows.append(
            Notification(
                recipient_id=pk, key=key, subject=text_subject, body=text_body, url=url,
                send_email=email and bool(address),
            )
        )  # fmt: skip
    if not rows:
        return 0
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if email:
        new_ids = list(
            Notification.objects.filter(
                key=key, recipient_id__in=[r.recipient_id for r in rows], send_email=True, emailed_at__isnull=True
            ).values_list("pk", flat=True)
        )
        if new_ids:
            from .tasks import email_notification

            for pk in new_ids:
                queue_after_commit(email_notification, pk)
    return len(rows)


@dataclasses.dataclass(frozen=True)
class Message:
    """One message for :func:`notify_bulk` (``subject``/``body`` may be lazy translations)."""

    recipient: object
    key: str
    subject: object
    body: object = ""
    url: str = ""


_BULK_BATCH = 500  # rows per lookup and per insert (stays under SQLite's bound-parameter limit)


def notify_bulk(messages: Iterable[Message], *, email: bool = True) -> int:
    """Send many messages at once, each once per (recipient, key), as :func:`notify` does one at a time:
    a periodic reminder to thousands of people costs one lookup and one bulk insert per 500 messages
    (SQLite splits an insert by its parameter limit) instead of queries per person. Returns how many
    were new. E-mails go out after commit.

    If another run inserts one of the same keys meanwhile, that batch falls back to :func:`notify`, which
    skips what exists.
    """
    pending: dict[tuple[int, str], Message] = {}
    for m in messages:
        user = m.recipient
        if user is None or not user.is_active:
            continue
        pending.setdefault((user.pk, m.key[:200]), m)
    items = list(pending.items())
    created_count = 0
    for i in range(0, len(items), _BULK_BATCH):
        batch = items[i : i + _BULK_BATCH]
        keys = {key for (_pk, key), _m in batch}
        already = set(
            Notification.objects.filter(key__in=keys, recipient_id__in={pk for (pk, _k), _m in batch}).values_list(
                "recipient_id", "key"
            )
        )
        rows = [
            Notification(
                recipient=m.recipient,
                key=key,
                subject=_in_language(m.recipient, m.subject)[:300],
                body=_in_language(m.recipient, m.body),
                url=m.url,
                send_email=email and bool(m.recipient.email),
            )
            for (pk, key), m in batch
            if (pk, key) not in already
        ]
        if not rows:
            continue
        try:
            with transaction.atomic():
                created = Notification.objects.bulk_create(rows)
        except IntegrityError:
            created = []
            for row in rows:
                created += notify(
                    recipients=[row.recipient], key=row.key, subject=row.subject, body=row.body, url=row.url,
                    email=row.send_email,
                )  # fmt: skip
            created_count += len(created)
            continue
        created_count += len(created)
        to_email = [n.pk for n in created if n.send_email and n.pk is not None]
        if to_email:
            from .tasks import email_notification

            for pk in to_email:
                queue_after_commit(email_notification, pk)
    return created_count


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification unless it was already e-mailed; safe to run twice at once."""
    with transaction.atomic():
        note = Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        if note is None or note.emailed_at is not None or not note.send_email:
            return False
        link = f"{settings.SITE_URL}{note.url}" if note.url.startswith("/") else note.url
        text = note.body + (f"\n\n{link}" if link else "")
        send_mail(note.subject, text, settings.DEFAULT_FROM_EMAIL, [note.recipient.email])
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
