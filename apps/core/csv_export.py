"""The shared CSV writer, and the formula guard every export (CSV or XLSX) goes through.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by
Excel, LibreOffice and WPS (``=cmd|' /C calc'!A0``, ``=HYPERLINK(...)``): such text is written with a
leading apostrophe, which spreadsheets show as text. Numbers stay numbers (``-3`` is not a formula).
"""

import csv
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils import timezone

# Full-width forms too: an input method turns "=" into "＝", and some spreadsheets treat both alike.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def starts_like_formula(text) -> bool:
    return isinstance(text, str) and text.startswith(FORMULA_PREFIXES)


def formula_safe(value):
    """A cell value a spreadsheet will show, never run: text starting like a formula gets a ``'``."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if starts_like_formula(text) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`formula_safe` on a cell read back (export → edit → re-import keeps ``+86 …``)."""
    if text.startswith("'") and starts_like_formula(text[1:]):
        return text[1:]
    return text


class _Echo:
    def write(self, value):
        return value


def csv_response(*, filename, header, rows):
    """Stream a CSV (UTF-8 with BOM so Excel opens Chinese text correctly); every cell formula-safe."""
    writer = csv.writer(_Echo())

    def generate():
        yield "\ufeff"
        yield writer.writerow([formula_safe(h) for h in header])
        for row in rows:
            yield writer.writerow([formula_safe(v) for v in row])

    stamp = timezone.localdate().isoformat()
    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    return response
