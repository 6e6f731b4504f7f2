"""Drill records are plausible, refused drill forms keep their input, and a drill page links only the
hazards the reader may open (issue 9)."""

import datetime

import pytest
from django.utils import timezone

from apps.core.exceptions import ApplicationError
from apps.emergency.models import ContingencyPlan, Drill
from apps.emergency.services import drill_problem_add, drill_record
from apps.hazards.selectors import hazards_for_source
from tests.emergency.factories import DrillFactory, shipped_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(employee):
    """A drill that was planned for an hour ago."""
    drill = DrillFactory(plan=shipped_plan("fire"), people=[employee])
    Drill.objects.filter(pk=drill.pk).update(planned_at=timezone.now() - datetime.timedelta(hours=1))
    drill.refresh_from_db()
    return drill


def _record(drill, user, *, minutes=20, evacuation=245, end=None):
    start = timezone.now() - datetime.timedelta(minutes=50)
    return drill_record(
        drill=drill,
        user=user,
        started_at=start,
        ended_at=end or start + datetime.timedelta(minutes=minutes),
        evacuation_seconds=evacuation,
        evaluation="Stairs B congested",
        rating="adequate",
        attended_ids=[],
    )


def test_an_evacuation_longer_than_the_drill_is_refused(held, officer):
    with pytest.raises(ApplicationError, match="longer than the drill"):
        _record(held, officer, minutes=10, evacuation=11 * 60)
    held.refresh_from_db()
    assert held.status == Drill.Status.PLANNED


def test_an_evacuation_within_the_drill_is_kept(held, officer):
    assert _record(held, officer, minutes=10, evacuation=9 * 60).evacuation_seconds == 540


def test_a_drill_cannot_end_in_the_future(held, officer):
    with pytest.raises(ApplicationError, match="end is in the future"):
        _record(held, officer, end=timezone.now() + datetime.timedelta(hours=3))


def test_a_drill_cannot_last_for_days(held, officer):
    with pytest.raises(ApplicationError, match="at most a day"):
        drill_record(
            drill=held,
            user=officer,
            started_at=timezone.now() - datetime.timedelta(days=3),
            ended_at=timezone.now() - datetime.timedelta(minutes=5),
            evacuation_seconds=None,
            evaluation="x",
            rating="good",
            attended_ids=[],
        )


def test_a_refused_drill_record_comes_back_with_the_evaluation_typed(client, held, officer):
    client.force_login(officer)
    start = timezone.localtime() - datetime.timedelta(minutes=50)
    response = client.post(
        f"/emergency/drills/{held.pk}/record/",
        {
            "record-started_at": start.strftime("%Y-%m-%dT%H:%M"),
            "record-ended_at": (start + datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"),
            "record-evacuation_minutes": "25",
            "record-evacuation_seconds": "0",
            "record-rating": "adequate",
            "record-evaluation": "Stairs B congested by boxes",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Stairs B congested by boxes" in html and "longer than the drill" in html


def test_a_refused_new_plan_comes_back_with_its_name(client, officer):
    client.force_login(officer)
    data = {"name": "Flood plan", "code": "fire", "scenario": "fire", "drill_interval_months": "6"}
    response = client.post("/emergency/plans/new/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Flood plan"' in html and "already exists" in html
    assert not ContingencyPlan.objects.filter(name="Flood plan").exists()


@pytest.fixture
def problem_hazard(held, officer):
    problem = drill_problem_add(drill=held, user=officer, description="Exit sign on 3F is not lit", raise_hazard=True)
    return hazards_for_source(problem).get().number


def test_an_employee_sees_the_drill_problems_hazard_number_without_a_link(client, held, employee, problem_hazard):
    client.force_login(employee)
    html = client.get(held.get_absolute_url()).content.decode()
    problems = html.split('id="drill-problems"')[1].split("</ul>")[0]
    assert problem_hazard in problems and "/hazards/" not in problems


def test_an_officer_follows_the_drill_problems_hazard_link(client, held, officer, problem_hazard):
    client.force_login(officer)
    problems = client.get(held.get_absolute_url()).content.decode().split('id="drill-problems"')[1].split("</ul>")[0]
    assert "/hazards/" in problems and problem_hazard in problems
