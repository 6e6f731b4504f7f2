"""The shared XLSX writer (apps.core.xlsx_export): formula-safe text, typed numbers and dates."""

import datetime
import io
from decimal import Decimal

from django.utils import timezone
from openpyxl import load_workbook

from apps.core.csv_export import formula_safe
from apps.core.xlsx_export import XLSX_CONTENT_TYPE, xlsx_response

HOSTILE = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "＝1+1"]


def _sheet(response):
    body = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(body)).active


def test_xlsx_text_cells_that_start_like_a_formula_are_stored_as_quoted_text():
    response = xlsx_response(filename="hostile", header=["=Header"], rows=[[value] for value in HOSTILE])

    sheet = _sheet(response)
    cells = [row[0] for row in sheet.iter_rows()]
    assert all(cell.data_type == "s" for cell in cells)
    # (XML reads a carriage return back as a line feed.)
    assert [cell.value for cell in cells] == ["'=Header"] + ["'" + value.replace("\r", "\n") for value in HOSTILE]


def test_xlsx_numbers_dates_and_empty_cells_keep_their_types():
    moment = timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 30))
    response = xlsx_response(
        filename="typed",
        header=["n", "d", "m", "dec", "none"],
        rows=[[-3, datetime.date(2026, 3, 1), moment, Decimal("-1.5"), None]],
    )

    values = [cell.value for cell in list(_sheet(response).iter_rows())[1]]
    assert values[0] == -3
    assert values[1].date() == datetime.date(2026, 3, 1)
    assert values[2] == timezone.localtime(moment).replace(tzinfo=None)
    assert values[3] == -1.5 and values[4] is None


def test_xlsx_is_a_download_with_the_spreadsheet_type():
    response = xlsx_response(filename="list", header=["a"], rows=iter([["b"]]))

    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="list-')


def test_csv_cell_guard_leaves_numbers_and_plain_text_alone():
    assert formula_safe(-3) == -3 and formula_safe("Wang Wei") == "Wang Wei" and formula_safe(None) == ""
    assert formula_safe("=1+1") == "'=1+1"
