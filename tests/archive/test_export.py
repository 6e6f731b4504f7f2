import csv
import datetime
import hashlib
import io
import threading
import time

import pytest
from django.utils import timezone

from apps.archive.models import ArchiveExport
from apps.archive.services import exports_cleanup
from apps.hazards.models import Hazard
from tests.archive.helpers import build, export_peak_bytes, open_zip
from tests.documents.factories import approved_document
from tests.hazards.factories import HazardFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _csv(zf, name):
    return list(csv.reader(io.StringIO(zf.read(name).decode("utf-8-sig"))))


def test_the_zip_has_a_csv_per_section_an_index_and_a_manifest(officer, manager):
    approved_document(officer=officer, manager=manager)
    HazardFactory.create_batch(3)
    export = build(user=officer, year=YEAR)
    assert export.status == ArchiveExport.Status.READY
    names = set(open_zip(export).namelist())
    expected = {"index.html", "manifest.csv", "hazards/hazards.csv", "documents/documents.csv", "drills/drills.csv"}
    assert expected <= names


def test_every_csv_parses_and_its_rows_match_the_database(officer, manager):
    HazardFactory.create_batch(4)
    HazardFactory(title="=HYPERLINK(evil)")
    export = build(user=officer, year=YEAR)
    rows = _csv(open_zip(export), "hazards/hazards.csv")
    assert len(rows) - 1 == Hazard.objects.filter(created_at__year=YEAR).count() == 5
    assert "'=HYPERLINK(evil)" in {r[1] for r in rows}


def test_the_manifest_checksums_match_the_files(officer):
    HazardFactory.create_batch(2)
    zf = open_zip(build(user=officer, year=YEAR))
    manifest = _csv(zf, "manifest.csv")[1:]
    assert manifest and {path for path, *_ in manifest} == set(zf.namelist()) - {"manifest.csv"}
    for path, size, _rows, sha in manifest:
        data = zf.read(path)
        assert (len(data), hashlib.sha256(data).hexdigest()) == (int(size), sha)


def test_an_uploaded_document_file_is_in_the_zip(officer, manager):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.documents import services

    document = services.document_create(user=officer, number="AQ-F-9", title="Form", category="form")
    version = document.versions.get()
    upload = SimpleUploadedFile("f.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    services.version_update(
        user=officer, version=version, body_kind="file", upload=upload, effective_date=datetime.date(YEAR, 1, 1)
    )
    services.version_submit(documentversion=version, user=officer)
    services.version_approve(documentversion=version, user=manager)
    zf = open_zip(build(user=officer, year=YEAR))
    assert zf.read("documents/files/AQ-F-9-v1.pdf").startswith(b"%PDF")


def test_the_requester_is_notified_when_the_zip_is_ready(officer):
    export = build(user=officer, year=YEAR)
    assert officer.notifications.filter(key=f"archive-export:{export.pk}:ready").exists()


def test_an_expired_export_is_deleted_by_the_cleanup(officer, settings):
    export = build(user=officer, year=YEAR)
    path = open_zip(export).filename
    exports_cleanup(now=timezone.now() + datetime.timedelta(days=settings.ANQUAN_ARCHIVE_KEEP_DAYS + 1))
    export.refresh_from_db()
    assert export.status == ArchiveExport.Status.EXPIRED
    import os

    assert not os.path.exists(path)


def test_a_bad_year_is_refused_with_a_message(client, officer):
    client.force_login(officer)
    assert client.get("/archive/?year=1").status_code == 400
    response = client.post("/archive/exports/", {"year": "abc"}, follow=True)
    assert ArchiveExport.objects.count() == 0 and response.status_code == 200


def test_peak_memory_of_the_export_stays_flat_with_ten_times_the_records(officer):
    HazardFactory.create_batch(20)
    small = export_peak_bytes(user=officer, year=YEAR)
    HazardFactory.create_batch(200)
    large = export_peak_bytes(user=officer, year=YEAR)
    assert large < small * 1.5 + 256 * 1024


@pytest.mark.django_db(transaction=True)
def test_requesting_an_export_on_the_embedded_default_answers_at_once(client, officer, monkeypatch, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from apps.archive import services

    started = threading.Event()
    real_build = services.export_build

    def slow_build(*, export_id):
        started.set()
        time.sleep(2)
        return real_build(export_id=export_id)

    monkeypatch.setattr(services, "export_build", slow_build)
    client.force_login(officer)
    began = time.monotonic()
    response = client.post("/archive/exports/", {"year": YEAR})
    assert response.status_code == 302 and time.monotonic() - began < 1.5
    assert started.wait(5)
    export = ArchiveExport.objects.get()
    for _ in range(100):
        export.refresh_from_db()
        if export.is_finished:
            break
        time.sleep(0.1)
    assert export.status == ArchiveExport.Status.READY


def test_an_export_left_waiting_by_a_broker_outage_is_queued_again_by_the_sweep(officer, monkeypatch):
    from apps.archive import tasks
    from apps.archive.services import exports_requeue_stale
    from apps.core.queueing import queue_resume

    stale = ArchiveExport.objects.create(year=YEAR, requested_by=officer)
    fresh = ArchiveExport.objects.create(year=YEAR - 1, requested_by=officer)
    ArchiveExport.objects.filter(pk=stale.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=30))

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.build_export, "apply_async", broker_down)
    assert exports_requeue_stale() == 0  # the broker is still down: nothing lost, it stays queued
    stale.refresh_from_db()
    assert stale.status == ArchiveExport.Status.QUEUED

    monkeypatch.undo()
    queue_resume()
    assert exports_requeue_stale() == 1  # the broker is back: the waiting export is built (eager here)
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == ArchiveExport.Status.READY
    assert fresh.status == ArchiveExport.Status.QUEUED  # asked for a minute ago: its own queueing stands
