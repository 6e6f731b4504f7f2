"""Shared write operations: timeline rows, attachments and record numbers, used by every domain module."""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from . import uploads
from .i18n_messages import message_dump, message_render
from .models import Attachment, NumberSequence, TimelineEntry


def timeline_record(*, subject, actor, action, from_state="", to_state="", comment="") -> TimelineEntry:
    """Record one state change of ``subject`` (call it inside the service's transaction).

    ``action`` is stored in English and translated when shown (``inc/timeline.html``), so the archive
    reads in each reader's language: pass ``gettext_noop("approved")`` or a lazy label, never an
    eagerly translated string. States are stored as the model's ``Status`` values.

    ``comment`` is a person's words (a string, kept as written) or a text the system writes: pass that
    as a lazy translation (``format_lazy(ngettext_lazy(…), n=…)``) or a record with a bilingual name,
    and it is kept as message ids (:mod:`apps.core.i18n_messages`) and shown in the reader's language.
    """
    with translation.override("en"):
        action = str(action)
    comment_message = None
    if comment is not None and not isinstance(comment, str):
        comment_message = message_dump(comment)
        comment = message_render(comment_message, "en")
    return TimelineEntry.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        actor=actor,
        action=action,
        from_state=from_state or "",
        to_state=to_state or "",
        comment=comment or "",
        comment_message=comment_message,
    )


def attachment_add(*, subject, upload, user, role="", allowed=None, images_only=True, anonymous=False) -> Attachment:
    """Attach an uploaded file to ``subject``; its type is judged by content (:mod:`apps.core.uploads`).

    ``allowed`` is a set of kinds from :mod:`apps.core.uploads` (``IMAGES``, ``DOCUMENTS``,
    ``MATERIALS`` or your own); by default only images (``images_only=False`` means ``DOCUMENTS``).
    Images are re-encoded without metadata and get a thumbnail; their original file name is never
    kept (it is metadata too: a date, a device, a person). ``anonymous=True`` drops the original name of
    any file. The stored name is random whatever was uploaded.

    Raises ``django.core.exceptions.ValidationError`` with a user-facing message for a bad file;
    forms call :func:`apps.core.uploads.inspect_file` (or ``inspect_image``) first so the error shows
    on the field.
    """
    if allowed is None:
        allowed = uploads.IMAGES if images_only else uploads.DOCUMENTS
    mime, ext = uploads.inspect_file(upload, allowed=allowed)
    thumbnail = None
    if mime in uploads.INLINE_TYPES:
        image = uploads.clean_image(upload)
        mime, ext, thumbnail = image.mime, image.ext, image.thumbnail
        content = ContentFile(image.content)
        original_name = f"photo.{ext}"
    else:
        content = upload
        original_name = f"file.{ext}" if anonymous else (upload.name or f"file.{ext}")[:255]
    att = Attachment(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        role=role,
        token=secrets.token_hex(16),
        original_name=original_name,
        mime_type=mime,
        size=content.size,
        uploaded_by=user,
    )
    with transaction.atomic():
        att.file.save(f"file.{ext}", content, save=False)
        if thumbnail is not None:
            att.thumbnail.save("thumb.jpg", ContentFile(thumbnail), save=False)
        att.save()
    return att


def record_number_next(*, prefix: str, year: int | None = None, width: int = 4) -> str:
    """The next number of ``prefix`` in ``year`` (default: this year in the company's time zone),
    e.g. ``YH-2026-0001``; numbers are never handed out twice, also when two people save at once.

    Call it inside the transaction that saves the record, so a rolled-back record gives its number
    back. The counter is bumped with one ``UPDATE … SET last = last + 1`` before it is read: the write
    takes the row lock (PostgreSQL) or the database's write lock (SQLite) first, so no two
    transactions read the same value. The first number of a year creates the row; if another
    transaction creates it at the same moment, the unique constraint sends us back to the update.
    """
    year = year or timezone.localdate().year
    rows = NumberSequence.objects.filter(prefix=prefix, year=year)
    with transaction.atomic():
        for _attempt in range(3):
            if rows.update(last=F("last") + 1):
                break
            try:
                with transaction.atomic():
                    NumberSequence.objects.create(prefix=prefix, year=year, last=1)
                break
            except IntegrityError:
                continue  # created by someone else just now: bump theirs
        last = rows.values_list("last", flat=True).get()
    return f"{prefix}-{year}-{last:0{width}d}"
