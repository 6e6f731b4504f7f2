"""Building the yearly archive ZIP (R2.2.6) on disk, never in memory.

:func:`export_request` records the request and queues the build after the commit: on a real broker as
the Celery task ``archive.build_export``; on the embedded default (tasks eager, no worker) in a
background thread, so the request answers at once either way. :func:`export_build` writes each
section's CSV (UTF-8 with BOM, formula-safe, rows streamed from the database) and files straight into
the ZIP file, hashing every member as it goes, then ``manifest.csv`` (path, bytes, rows, SHA-256) and
``index.html``. Progress is saved after each section for the page's htmx polling; the requester is
notified when it is ready. Exports are kept ``ANQUAN_ARCHIVE_KEEP_DAYS`` days (:func:`exports_cleanup`).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import html
import io
import logging
import threading
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.csv_export import formula_safe
from apps.core.exceptions import ApplicationError, Conflict
from apps.core.permissions import require
from apps.core.queueing import queue_now
from apps.notifications.services import notify

from .models import ArchiveExport
from .sections import sections

logger = logging.getLogger(__name__)
CHUNK = 64 * 1024
MIN_YEAR, MAX_YEAR = 2000, 2100


def keep_days() -> int:
    return int(getattr(settings, "ANQUAN_ARCHIVE_KEEP_DAYS", 7))


def archive_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "archive"


def check_year(year: int) -> int:
    if not (MIN_YEAR <= year <= min(MAX_YEAR, timezone.localdate().year)):
        raise ApplicationError(_("Choose a year between %(a)d and this year.") % {"a": MIN_YEAR})
    return year


def export_request(*, user, year: int) -> ArchiveExport:
    require(user, "archive.export_archive")
    year = check_year(year)
    with transaction.atomic():
        running = ArchiveExport.objects.select_for_update().filter(
            year=year, status__in=[ArchiveExport.Status.QUEUED, ArchiveExport.Status.RUNNING]
        )
        if running.exists():
            raise Conflict(_("The archive of %(year)d is being built already.") % {"year": year})
        export = ArchiveExport.objects.create(year=year, requested_by=user)
    transaction.on_commit(lambda: _start(export.pk))
    return export


def _start(export_id: int) -> None:
    """Queue the build; never fail the request (a build that could not start stays queued and can be retried)."""
    try:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            threading.Thread(
                target=_build_in_thread, args=(export_id,), daemon=True, name=f"archive-{export_id}"
            ).start()
        else:
            from .tasks import build_export

            queue_now(build_export, export_id)  # bounded; a broker outage leaves it queued for the sweep
    except Exception:
        logger.exception("archive: could not queue export %s", export_id)


def exports_requeue_stale(*, now: datetime.datetime | None = None, minutes: int = 10) -> int:
    """Queue again the exports still waiting ``minutes`` after they were asked for (the broker was down when
    they were requested, or a worker died); building one twice is harmless (``export_build`` only takes a
    queued export). Returns how many were queued."""
    from .tasks import build_export

    now = now or timezone.now()
    stale = ArchiveExport.objects.filter(
        status=ArchiveExport.Status.QUEUED, created_at__lt=now - datetime.timedelta(minutes=minutes)
    ).values_list("pk", flat=True)
    return sum(1 for pk in stale if queue_now(build_export, pk))


def _build_in_thread(export_id: int) -> None:
    try:
        export_build(export_id=export_id)
    finally:
        close_old_connections()


class _HashingWriter(io.RawIOBase):
    """Counts and hashes the bytes written to a ZIP member."""

    def __init__(self, target):
        self.target, self.sha, self.size = target, hashlib.sha256(), 0

    def writable(self):
        return True

    def write(self, data):
        self.sha.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(data)


def _progress(export, percent, step):
    ArchiveExport.objects.filter(pk=export.pk).update(progress=percent, step=str(step)[:200], updated_at=timezone.now())


def _write_csv(zf, name, section, year):
    with zf.open(name, "w", force_zip64=True) as member:
        writer_target = _HashingWriter(member)
        text = io.TextIOWrapper(writer_target, encoding="utf-8-sig", newline="", write_through=True)
        writer = csv.writer(text)
        writer.writerow([formula_safe(str(c.label)) for c in section.columns])
        rows = 0
        for obj in section.queryset(year=year).iterator(chunk_size=2000):
            writer.writerow([formula_safe(_cell(c.value(obj))) for c in section.columns])
            rows += 1
        text.flush()
        text.detach()
    return writer_target.size, writer_target.sha.hexdigest(), rows


def _cell(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else value


def _write_file(zf, name, field):
    with field.open("rb") as source, zf.open(name, "w", force_zip64=True) as member:
        writer = _HashingWriter(member)
        while chunk := source.read(CHUNK):
            writer.write(chunk)
    return writer.size, writer.sha.hexdigest()


def export_build(*, export_id: int) -> ArchiveExport | None:
    """Build the ZIP of one requested export (the task and the embedded thread both call this)."""
    with transaction.atomic():
        export = ArchiveExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status != ArchiveExport.Status.QUEUED:
            return export
        export.status = ArchiveExport.Status.RUNNING
        export.save(update_fields=["status", "updated_at"])
    folder = archive_dir()
    folder.mkdir(parents=True, exist_ok=True)
    relative = f"archive/anquan-archive-{export.year}-{export.token}.zip"
    target = Path(settings.MEDIA_ROOT) / relative
    language = (export.requested_by.language if export.requested_by else "") or settings.LANGUAGE_CODE
    try:
        with translation.override(language), zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            manifest, index = _write_sections(zf, export)
            manifest.append(_write_index(zf, export, index))
            _write_manifest(zf, manifest)
    except Exception as exc:
        logger.exception("archive: export %s failed", export.pk)
        target.unlink(missing_ok=True)
        ArchiveExport.objects.filter(pk=export.pk).update(
            status=ArchiveExport.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        return ArchiveExport.objects.get(pk=export.pk)
    now = timezone.now()
    ArchiveExport.objects.filter(pk=export.pk).update(
        status=ArchiveExport.Status.READY, progress=100, step="", path=relative, size=target.stat().st_size,
        finished_at=now, expires_at=now + datetime.timedelta(days=keep_days()), updated_at=now,
    )  # fmt: skip
    export.refresh_from_db()
    if export.requested_by:
        notify(
            recipients=[export.requested_by],
            key=f"archive-export:{export.pk}:ready",
            subject=format_lazy(gettext_lazy("The safety archive of {year} is ready to download"), year=export.year),
            url=export.get_absolute_url(),
        )
    return export


def _write_sections(zf, export):
    manifest, index = [], []
    all_sections = sections()
    for n, section in enumerate(all_sections):
        _progress(export, int(100 * n / (len(all_sections) + 1)), section.label)
        name = f"{section.key}/{section.key}.csv"
        size, sha, rows = _write_csv(zf, name, section, export.year)
        manifest.append((name, size, rows, sha))
        files = []
        for arcname, field in section.files(year=export.year) if section.files else ():
            path = f"{section.key}/files/{arcname}"
            try:
                fsize, fsha = _write_file(zf, path, field)
            except FileNotFoundError:
                logger.warning("archive: %s is missing on disk; left out", field.name)
                continue
            manifest.append((path, fsize, "", fsha))
            files.append(path)
        index.append((section, name, rows, files))
    return manifest, index


def _write_manifest(zf, manifest):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["path", "bytes", "rows", "sha256"])
    writer.writerows(manifest)
    zf.writestr("manifest.csv", "\ufeff" + buffer.getvalue())


def _write_index(zf, export, index):
    esc = html.escape
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{esc(_('Safety archive'))} {export.year}</title></head><body>",
        f"<h1>{esc(settings.COMPANY_NAME)} · {esc(_('Safety archive'))} {export.year}</h1>",
        f"<p>{esc(_('Built on'))} {timezone.localtime():%Y-%m-%d %H:%M} · manifest.csv: SHA-256</p><ul>",
    ]
    for section, name, rows, files in index:
        parts.append(f"<li><a href='{esc(name)}'>{esc(str(section.label))}</a> ({rows})")
        if files:
            parts.append("<ul>" + "".join(f"<li><a href='{esc(f)}'>{esc(f)}</a></li>" for f in files) + "</ul>")
        parts.append("</li>")
    parts.append("</ul></body></html>")
    data = "".join(parts).encode("utf-8")
    zf.writestr("index.html", data)
    return ("index.html", len(data), "", hashlib.sha256(data).hexdigest())


def export_file_path(export) -> Path | None:
    if export.status != ArchiveExport.Status.READY or not export.path:
        return None
    return Path(settings.MEDIA_ROOT) / export.path


def exports_cleanup(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of exports past their keeping time (daily); the rows stay, marked expired."""
    now = now or timezone.now()
    removed = 0
    for export in ArchiveExport.objects.filter(status=ArchiveExport.Status.READY, expires_at__lt=now):
        path = export_file_path(export)
        if path is not None:
            path.unlink(missing_ok=True)
        ArchiveExport.objects.filter(pk=export.pk).update(status=ArchiveExport.Status.EXPIRED, path="")
        removed += 1
    return removed
