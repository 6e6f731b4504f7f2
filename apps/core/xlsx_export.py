"""The shared XLSX writer: openpyxl's write-only workbook (rows go to a temporary file as they come,
so memory stays flat however long the list), then the file is streamed from disk.

Every text cell passes :func:`apps.core.csv_export.formula_safe` and is stored as a string, never a
formula; numbers, dates and times stay typed (aware times in the company's time zone, as Excel has none).
"""

import datetime
import re
import tempfile
from decimal import Decimal

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .csv_export import formula_safe

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def xlsx_cell(value):
    """A value as openpyxl should store it: typed for numbers and dates, formula-safe text otherwise."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date | datetime.time):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", formula_safe(value))


def xlsx_response(*, filename, header, rows, sheet_title=None):
    """An XLSX download of ``header`` and ``rows`` (any iterable; consumed once)."""
    workbook = Workbook(write_only=True)
    title = _SHEET_TITLE_FORBIDDEN.sub(" ", str(sheet_title or filename))[:31] or "Sheet"
    sheet = workbook.create_sheet(title=title)
    sheet.append([xlsx_cell(h) for h in header])
    for row in rows:
        sheet.append([xlsx_cell(v) for v in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes (and so removes) it
    workbook.save(handle)
    handle.seek(0)
    stamp = timezone.localdate().isoformat()
    return FileResponse(handle, as_attachment=True, filename=f"{filename}-{stamp}.xlsx", content_type=XLSX_CONTENT_TYPE)
