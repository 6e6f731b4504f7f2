import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from apps.emergency.models import Drill
from apps.regulation.services import shipped_edition_ensure
from tests.emergency.factories import DrillFactory, shipped_plan
from tests.hazards.factories import HazardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _regulation():
    shipped_edition_ensure()


def _records(n):
    for _ in range(n):
        HazardFactory(status="closed", closed_at=timezone.now())
        DrillFactory(plan=shipped_plan("fire"), status=Drill.Status.DONE, started_at=timezone.now())


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("url", ["/regulation/", "/regulation/R7.3/", "/regulation/R5.1.2/"])
def test_regulation_pages_cost_the_same_queries_with_ten_times_the_records(client, officer, url):
    client.force_login(officer)
    _records(2)
    small = _count(client, url)
    _records(20)
    assert _count(client, url) == small


def test_the_r73_clause_page_lists_closed_hazards_with_links(client, officer):
    hazard = HazardFactory(status="closed", closed_at=timezone.now())
    client.force_login(officer)
    html = client.get("/regulation/R7.3/").content.decode()
    assert hazard.number in html and f"/hazards/{hazard.pk}/" in html


def test_an_employee_reads_the_clause_but_not_the_evidence(client, employee):
    HazardFactory(status="closed", closed_at=timezone.now(), title="Evidence only for officers")
    client.force_login(employee)
    html = client.get("/regulation/R7.3/").content.decode()
    assert "Evidence only for officers" not in html and "R7.3" in html


def test_the_compliance_summary_is_one_page_with_every_chapter(client, officer):
    client.force_login(officer)
    response = client.get("/regulation/summary.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert all(f"R{n}" in text for n in range(1, 9))


def test_the_clause_page_shows_the_chinese_text_in_chinese(client, officer):
    officer.language = "zh-hans"
    officer.save()
    client.force_login(officer)
    html = client.get("/regulation/R5.1.2/").content.decode()
    assert "定期组织应急演练" in html


def test_an_unknown_clause_is_a_404(client, officer):
    client.force_login(officer)
    assert client.get("/regulation/R9.9/").status_code == 404


def test_the_r512_page_counts_drills_in_the_period(client, officer):
    DrillFactory(
        plan=shipped_plan("fire"), status=Drill.Status.DONE, started_at=timezone.now() - datetime.timedelta(days=3)
    )
    client.force_login(officer)
    assert 'data-provider="emergency"' in client.get("/regulation/R5.1.2/").content.decode()


def test_a_course_saved_from_its_form_carries_out_the_clauses_chosen(client, officer):
    from apps.regulation.models import Clause
    from apps.training.models import Course

    clause = Clause.objects.get(ref="R6.4.1")
    client.force_login(officer)
    response = client.post(
        "/training/courses/new/",
        {
            "code": "induction", "name": "Induction", "category": "rules", "method": "online",
            "duration_minutes": 30, "is_active": "on", "clauses": [clause.pk],
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert list(Course.objects.get(code="induction").clauses.all()) == [clause]


def test_a_clause_without_records_of_its_own_shows_those_of_the_clause_it_is_part_of(client, officer):
    from apps.inspections.models import Inspection
    from apps.inspections.services import checklist_template_create
    from tests.inspections.factories import InspectionFactory

    template = checklist_template_create(
        user=officer,
        group="infosec",
        name="Data",
        sections=[{"name": "Data", "items": [{"text": "Backups", "clause": "R4.2"}]}],
    )
    InspectionFactory(template=template, status=Inspection.Status.FINISHED, finished_at=timezone.now())
    client.force_login(officer)
    own = client.get("/regulation/R4.2/").content.decode()
    child = client.get("/regulation/R4.2.1/").content.decode()
    assert "which this clause is part of" not in own
    assert (
        "records for R4.2, which this clause is part of" in child
        and f"/inspections/{Inspection.objects.get().pk}/" in child
    )
