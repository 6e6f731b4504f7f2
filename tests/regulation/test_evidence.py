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
