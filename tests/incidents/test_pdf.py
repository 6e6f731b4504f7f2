"""The incident report PDF: readable tables and local dates (read back with pdftotext)."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from tests.incidents.factories import ActionFactory, IncidentFactory, InvolvedPersonFactory
from tests.pdf import compact, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db

LONG = "在茶水间门口铺设防滑垫，并在拖地后放置“小心地滑”警示牌，由行政部每日巡查两次并记录在案。" * 4


def _pdf(client, reader, incident):
    reader.language = "zh-hans"
    reader.save(update_fields=["language"])
    client.force_login(reader)
    return client.get(reverse("incidents:incident_pdf", args=[incident.pk])).content


def test_column_headers_stay_on_one_line_beside_long_cell_texts(client, officer, employee):
    incident = IncidentFactory(reporter=employee)
    InvolvedPersonFactory(incident=incident, person=employee, injury_nature=LONG)
    ActionFactory(incident=incident, owner=employee, description=LONG)
    lines = [compact(line) for line in pdf_text(_pdf(client, officer, incident)).splitlines()]
    with translation.override("zh-hans"):
        headers = [gettext(h) for h in ("Person", "Treatment", "Lost days", "Owner", "Due", "Effectiveness check")]
    for header in headers:
        assert any(compact(header) in line for line in lines), f"{header} is broken across lines"


def test_table_rows_are_not_split_across_pages(client, officer, employee):
    incident = IncidentFactory(reporter=employee)
    actions = [ActionFactory(incident=incident, owner=employee, description=f"{n:02d}{LONG}") for n in range(14)]
    pages = [compact(page) for page in pdf_pages(_pdf(client, officer, incident))]
    assert len(pages) > 1
    for action in actions:
        assert any(compact(action.description) in page for page in pages), f"row {action.description[:2]} was split"


def test_dates_are_printed_in_the_readers_local_format(client, officer, employee):
    incident = IncidentFactory(reporter=employee)
    action = ActionFactory(incident=incident, owner=employee)
    text = compact(pdf_text(_pdf(client, officer, incident)))
    with translation.override("zh-hans"):
        occurred = date_format(timezone.localtime(incident.occurred_at), "DATETIME_FORMAT")
        due = date_format(action.due_date, "DATE_FORMAT")
    assert compact(occurred) in text and "年" in occurred
    assert compact(due) in text
    assert action.due_date.isoformat() not in text
