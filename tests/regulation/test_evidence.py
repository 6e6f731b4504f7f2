import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.emergency.models import Drill
from apps.regulation.evidence import AMBER, GREEN, RED
from apps.regulation.models import Clause
from apps.regulation.selectors import evidence_overview
from apps.regulation.services import shipped_edition_ensure
from tests.documents.factories import approved_document, regulation_document
from tests.emergency.factories import DrillFactory, shipped_plan
from tests.hazards.factories import HazardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _regulation():
    shipped_edition_ensure()


def _status(ref, today=None):
    return {row.clause.ref: row for row in evidence_overview(today=today)}[ref].status


def _drill_every_plan(days_ago):
    for code in ("fire", "earthquake", "network-security"):
        DrillFactory(
            plan=shipped_plan(code),
            status=Drill.Status.DONE,
            started_at=timezone.now() - datetime.timedelta(days=days_ago),
        )


def test_the_shipped_regulation_has_every_chapter_in_both_languages():
    chapters = Clause.objects.filter(depth=0).order_by("order")
    assert [c.ref for c in chapters] == [f"R{n}" for n in range(1, 9)]
    assert all(c.title and c.title_zh for c in chapters)
    leaves = Clause.objects.filter(children__isnull=True, depth__gte=1)
    assert leaves.count() > 70 and not leaves.filter(text="").exists() and not leaves.filter(text_zh="").exists()


def test_the_shipped_text_says_where_the_source_ends_mid_sentence():
    assert Clause.objects.get(ref="R8.1.2").is_truncated
    assert list(Clause.objects.filter(is_truncated=True).values_list("ref", flat=True)) == ["R8.1.2"]


def test_drills_within_every_plans_interval_make_r512_green():
    _drill_every_plan(days_ago=30)
    assert _status("R5.1.2") == GREEN


def test_r512_turns_amber_when_the_clock_moves_past_the_drill_interval():
    _drill_every_plan(days_ago=30)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=200), tick=False):
        assert _status("R5.1.2") == AMBER


def test_r512_is_red_when_no_plan_was_ever_drilled():
    shipped_plan("fire")
    assert _status("R5.1.2") == RED


def test_a_closed_hazard_is_evidence_for_the_closed_loop(officer):
    assert _status("R7.3.4") == RED
    HazardFactory(status="closed", closed_at=timezone.now())
    assert _status("R7.3.4") == GREEN


def test_a_parent_clause_shows_the_worst_of_its_children():
    _drill_every_plan(days_ago=30)
    assert _status("R5.1.2") == GREEN
    assert _status("R5.1") != GREEN  # R5.1.4 (supplies) has no evidence yet


def _overview_queries():
    evidence_overview()
    with CaptureQueriesContext(connection) as ctx:
        evidence_overview()
    return len(ctx)


def test_the_overview_costs_the_same_queries_with_ten_times_the_records():
    _drill_every_plan(days_ago=30)
    HazardFactory(status="closed", closed_at=timezone.now())
    small = _overview_queries()
    for _ in range(10):
        _drill_every_plan(days_ago=40)
        HazardFactory(status="closed", closed_at=timezone.now())
    assert _overview_queries() == small


def test_a_checklist_item_citing_a_clause_links_it_and_a_finished_inspection_proves_it(officer):
    from apps.inspections.models import Inspection
    from apps.inspections.services import checklist_template_create
    from tests.inspections.factories import InspectionFactory

    template = checklist_template_create(
        user=officer, group="fire", name="Exits",
        sections=[{"name": "Exits", "items": [{"text": "Exit clear", "clause": "R3.1.2"}]}],
    )  # fmt: skip
    assert template.items.get().regulation_clause.ref == "R3.1.2"
    assert _status("R3.1.2") == RED
    InspectionFactory(template=template, status=Inspection.Status.FINISHED, finished_at=timezone.now())
    assert _status("R3.1.2") == GREEN


def test_passes_of_a_course_that_carries_out_a_clause_are_its_evidence(officer):
    from apps.training.models import Completion, Course

    course = Course.objects.create(code="fire-101", name="Fire", category="emergency")
    course.clauses.add(Clause.objects.get(ref="R6.2.5"))
    assert _status("R6.2.5") == RED
    Completion.objects.create(person=officer, course=course, completed_on=timezone.localdate(), source="manual")
    assert _status("R6.2.5") == GREEN


def test_a_document_in_force_past_its_review_date_makes_its_clause_amber(officer, manager):
    from apps.documents.models import DocumentVersion

    document, version = approved_document(officer=officer, manager=manager)
    document.clauses.add(Clause.objects.get(ref="R2.4.4"))
    assert _status("R2.4.4") == GREEN
    DocumentVersion.objects.filter(pk=version.pk).update(review_date=timezone.localdate() - datetime.timedelta(days=1))
    assert _status("R2.4.4") == AMBER


def test_a_rule_in_force_but_never_inspected_is_partial(officer, manager):
    document, _version = approved_document_for_clause(officer, manager, "R3.1.3")  # checklists cite it too
    assert _status("R3.1.3") == AMBER


def approved_document_for_clause(officer, manager, ref):
    document, version = approved_document(officer=officer, manager=manager, number=f"AQ-{ref}")
    document.clauses.add(Clause.objects.get(ref=ref))
    return document, version


def test_a_new_edition_keeps_the_mappings_by_clause_id(officer, manager):
    from apps.documents import services
    from apps.regulation.services import clauses_as_text, shipped_rows

    regulation = regulation_document()
    linked = Clause.objects.get(ref="R3.1.3")
    document, _v = approved_document(officer=officer, manager=manager, number="AQ-SMOKE")
    document.clauses.add(linked)
    rows = [r for r in shipped_rows() if r["ref"] != "R8.1.2"]
    for row in rows:
        if row["ref"] == "R3.1.3":
            row["text"] = "No smoking anywhere in the building."
    draft = services.version_draft_next(user=officer, document=regulation)
    services.version_update(
        user=officer, version=draft, body_kind="text", structured=clauses_as_text(rows),
        effective_date=datetime.date(2027, 1, 1),
    )  # fmt: skip
    services.version_submit(documentversion=draft, user=officer)
    services.version_approve(documentversion=draft, user=manager)
    linked.refresh_from_db()
    assert linked.text == "No smoking anywhere in the building." and linked.documents.get() == document
    assert not Clause.objects.get(ref="R8.1.2").is_active
