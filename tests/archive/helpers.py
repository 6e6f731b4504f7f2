"""Shared by the archive tests and the memory benchmark (``tests/bench.py``)."""

import tracemalloc
import zipfile

from apps.archive.models import ArchiveExport
from apps.archive.services import export_build, export_file_path


def build(*, user, year) -> ArchiveExport:
    export = ArchiveExport.objects.create(year=year, requested_by=user)
    return export_build(export_id=export.pk)


def open_zip(export) -> zipfile.ZipFile:
    return zipfile.ZipFile(export_file_path(export))


def export_peak_bytes(*, user, year) -> int:
    """Peak Python memory while one export is built (tracemalloc)."""
    tracemalloc.start()
    try:
        build(user=user, year=year)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
