"""Quarterly suggestions from live data (R8): a crafted data set proposes exactly the expected candidates;
one click turns a suggestion into a proposal with its evidence; reporting is never penalised."""

import datetime

import pytest
from django.urls import reverse

from apps.hazards.models import Hazard
from apps.incidents.models import Incident
from apps.inspections.models import Inspection
from apps.rewards import scorecard
from apps.rewards.models import Decision
from apps.rewards.suggestions import suggestions
from apps.training.models import Assignment
from tests.emergency.factories import DrillFactory
from tests.hazards.factories import HazardFactory
from tests.incidents.factories import IncidentFactory
from tests.inspections.factories import InspectionFactory
from tests.metrics_helpers import TODAY, YEAR, day, frozen
from tests.organization.factories import DepartmentFactory, UserFactory
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db
S = Hazard.Status
Q2 = scorecard.Period(YEAR, 2)


def d(month, dom):
    return datetime.date(YEAR, month, dom)


def in_q1(*hazards):
    Hazard.objects.filter(pk__in=[h.pk for h in hazards]).update(created_at=day(1, 10))


def crafted(p):
    employee, outsider, other_head = p["employee"], p["outsider"], p["other_head"]
    dept_a, dept_b = employee.department, outsider.department
    # employee: 3 confirmed (+ one rejected, one not assessed yet) → top reporter
    for status in (S.ASSESSED, S.RECTIFYING, S.CLOSED, S.REJECTED, S.REPORTED):
        HazardFactory(reporter=employee, status=status, grade="general" if status != S.REPORTED else "")
    # outsider: 2 confirmed, one of them major → top reporter and a major find
    HazardFactory(reporter=outsider, status=S.ASSESSED, grade="general")
    major = HazardFactory(reporter=outsider, status=S.RECTIFYING, grade="major")
    HazardFactory(reporter=other_head, status=S.ASSESSED, grade="general")  # one only: not a candidate
    for _ in range(3):  # anonymous reports are never counted
        HazardFactory(reporter=p["head"], is_anonymous=True, status=S.ASSESSED, grade="general")
    # worker: two rectifications overdue → penalty; lazy: one only → none
    worker = UserFactory(username="worker", full_name="张伟", department=dept_a)
    lazy = UserFactory(username="lazy", full_name="孙丽", department=dept_a)
    overdue = [
        HazardFactory(reporter=p["officer"], responsible_person=worker, status=S.RECTIFYING, grade="general",
                      deadline=d(5, 1), department=dept_a),
        HazardFactory(reporter=p["officer"], responsible_person=worker, status=S.RECTIFIED, grade="general",
                      deadline=d(5, 2), rectified_at=day(5, 9), department=dept_a),
        HazardFactory(reporter=p["officer"], responsible_person=lazy, status=S.RECTIFYING, grade="general",
                      deadline=d(5, 3), department=dept_a),
    ]  # fmt: skip
    # department B: every inspection on time, every hazard closed by its deadline
    closed = HazardFactory(reporter=p["officer"], status=S.CLOSED, grade="general", deadline=d(5, 1),
                           closed_at=day(4, 30), department=dept_b)  # fmt: skip
    in_q1(*overdue, closed)
    InspectionFactory(department=dept_b, due_date=d(5, 1), status=Inspection.Status.FINISHED, finished_at=day(4, 30))
    # a drill rated good, organised by the other head
    DrillFactory(planned_at=day(5, 20), status="done", rating="good", organiser=other_head)
    DrillFactory(planned_at=day(5, 21), status="done", rating="adequate", organiser=p["head"])
    # trainee: two required courses missed → penalty
    trainee = UserFactory(username="trainee", full_name="周杰", department=dept_b)
    for due in (d(4, 10), d(5, 10)):
        Assignment.objects.create(person=trainee, course=CourseFactory(), reason="periodic", due_date=due)
    Assignment.objects.create(person=lazy, course=CourseFactory(), reason="periodic", due_date=d(5, 10))
    return {"worker": worker, "trainee": trainee, "major": major}


def _found(officer):
    return {(s.key.split(":")[0], s.kind, str(s.target)) for s in suggestions(user=officer, period=Q2, today=TODAY)}


def test_a_crafted_quarter_suggests_exactly_the_expected_candidates(personas):
    with frozen():
        made = crafted(personas)
        found = _found(personas["officer"])
    assert found == {
        ("reporter", "commendation", "李娜"),
        ("reporter", "commendation", "陈晨"),
        ("major", "honour", "陈晨"),
        ("department", "honour", str(personas["outsider"].department)),
        ("drill", "commendation", "赵磊"),
        ("overdue", "criticism", str(made["worker"])),
        ("training", "criticism", str(made["trainee"])),
    }


def test_one_click_turns_a_suggestion_into_a_proposal_with_its_evidence(personas, client):
    with frozen():
        made = crafted(personas)
        found = [s for s in suggestions(user=personas["officer"], period=Q2, today=TODAY) if s.key.startswith("major")]
        client.force_login(personas["officer"])
        data = {"key": found[0].key, "year": YEAR, "quarter": 2}
        response = client.post(reverse("rewards:suggestion_propose"), data)
        decision = Decision.objects.get()
        assert response.status_code == 302 and response.url == decision.get_absolute_url()
        assert decision.kind == "honour" and decision.person == personas["outsider"]
        assert decision.status == Decision.Status.PROPOSED and decision.proposed_by == personas["officer"]
        assert [e.record for e in decision.evidence.all()] == [made["major"]]
        again = client.post(reverse("rewards:suggestion_propose"), data)  # a second click proposes nothing more
        assert again.status_code == 302 and Decision.objects.count() == 1
        page = client.get(reverse("rewards:suggestions") + "?year=2026&quarter=2").content.decode()
        assert decision.number in page


def test_reporting_is_never_penalised(personas):
    """A department whose people report many hazards, incidents and near misses: no penalty is suggested
    for them or their department, and its score does not fall."""
    reporters_dept = DepartmentFactory(code="reporters", name="Reporters", name_zh="报告部")
    people = [UserFactory(department=reporters_dept) for _ in range(4)]
    with frozen():
        InspectionFactory(department=reporters_dept, due_date=d(5, 1), status=Inspection.Status.FINISHED,
                          finished_at=day(4, 30))  # fmt: skip
        before = next(c for c in scorecard.scorecards(Q2, today=TODAY) if c.department == reporters_dept)
        for i in range(30):
            reporter = people[i % 4]
            status = [S.REPORTED, S.REJECTED, S.ASSESSED][i % 3]
            HazardFactory(reporter=reporter, status=status, department=reporters_dept,
                          grade="general" if status == S.ASSESSED else "",
                          deadline=d(9, 30) if status == S.ASSESSED else None)  # fmt: skip
            HazardFactory(reporter=reporter, status=S.REPORTED)  # reported elsewhere too
        for i in range(10):
            IncidentFactory(reporter=people[i % 4], occurred_at=day(5, 1 + i),
                            type=Incident.Type.NEAR_MISS if i % 2 else Incident.Type.PROPERTY)  # fmt: skip
        after = next(c for c in scorecard.scorecards(Q2, today=TODAY) if c.department == reporters_dept)
        found = suggestions(user=personas["officer"], period=Q2, today=TODAY)
    penalties = [s for s in found if not s.is_reward]
    assert not [s for s in penalties if s.department == reporters_dept or s.person in people]
    assert before.total is not None and after.total == before.total
    assert after.cell("incidents_count").value == 10  # shown, never scored


def test_the_officers_hear_of_the_quarters_candidates_once(personas, django_capture_on_commit_callbacks):
    from apps.notifications.models import Notification
    from apps.rewards import services

    with frozen():
        crafted(personas)
    july_first = datetime.date(YEAR, 7, 1)
    assert services.suggestions_notify(today=july_first) == 7
    assert services.suggestions_notify(today=july_first) == 7
    notes = Notification.objects.filter(key=f"reward-suggestions:{YEAR}:ready:q2")
    assert [n.recipient for n in notes] == [personas["officer"]]
