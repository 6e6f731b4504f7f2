import datetime

import pytest
from django.utils import timezone

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.selectors import timeline_for
from apps.hazards.models import Hazard
from apps.hazards.services import (
    hazard_assess,
    hazard_plan,
    hazard_rectify,
    hazard_reject,
    hazard_reopen,
    hazard_return,
    hazard_sign_off,
    hazard_verify,
)
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def actions(hazard):
    return [e.action for e in timeline_for(hazard)]


def test_general_hazard_walks_the_whole_loop_to_closed(reported, loop, officer, head, employee):
    hazard = loop(reported, "sign_off")
    hazard_verify(hazard=hazard, user=officer, comment="Seen on site")
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.CLOSED
    assert hazard.verified_by == officer and hazard.signed_off_by == head and hazard.closed_at
    assert actions(hazard) == ["report", "assess", "plan", "rectify", "sign_off", "verify"]
    assert [e.actor for e in timeline_for(hazard)] == [employee, officer, officer, employee, head, officer]


def test_assessment_sets_risk_level_from_the_matrix_and_default_deadline(reported, officer):
    hazard_assess(hazard=reported, user=officer, grade="general", likelihood=4, severity=4, category="fire")
    reported.refresh_from_db()
    assert reported.risk_level == Hazard.RiskLevel.RED
    assert reported.deadline == timezone.localdate() + datetime.timedelta(days=14)


def test_risk_matrix_is_configurable(reported, officer, settings):
    settings.ANQUAN_HAZARDS = {"RISK_MATRIX": [["blue"] * 5] * 5, "DEADLINE_DAYS": {"general": 3, "major": 9}}
    hazard_assess(hazard=reported, user=officer, grade="major", likelihood=5, severity=5, category="fire")
    reported.refresh_from_db()
    assert reported.risk_level == Hazard.RiskLevel.BLUE
    assert reported.deadline == timezone.localdate() + datetime.timedelta(days=9)


def test_major_hazard_needs_the_five_fixes_and_notifies_management(
    reported, loop, officer, employee, manager, committed
):
    loop(reported, "assess", grade="major")
    with pytest.raises(ApplicationError):
        hazard_plan(
            hazard=reported, user=officer, measures="Rewire", responsible_person=employee,
            department=employee.department,
        )  # fmt: skip
    reported.refresh_from_db()
    assert reported.status == Hazard.Status.ASSESSED
    with committed():
        hazard_plan(
            hazard=reported, user=officer, measures="Rewire", responsible_person=employee,
            department=employee.department, funds=5000, interim_safeguards="Cordon", contingency="Warden",
        )  # fmt: skip
    hazard = Hazard.objects.get(pk=reported.pk)
    assert hazard.status == Hazard.Status.RECTIFYING and hazard.funds == 5000
    assert Notification.objects.filter(recipient=manager, key=f"hazard:{hazard.pk}:major-plan").exists()


def test_major_hazard_walks_the_whole_loop_to_closed(reported, officer, head, employee):
    from tests.hazards.conftest import walk

    hazard = walk(reported, to="sign_off", officer=officer, head=head, employee=employee, grade="major")
    hazard_verify(hazard=hazard, user=officer)
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.CLOSED and hazard.is_major


def test_head_returns_rectification_with_a_reason_back_to_rectify(reported, loop, head, employee, committed):
    hazard = loop(reported, "rectify")
    with committed():
        hazard_return(hazard=hazard, user=head, reason="Boxes only moved aside")
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.RECTIFYING
    assert timeline_for(hazard).last().comment == "Boxes only moved aside"
    assert Notification.objects.filter(recipient=employee, subject__contains="returned").exists()
    hazard_rectify(hazard=hazard, user=employee, note="Boxes taken to storage")
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.RECTIFIED


def test_officer_reopens_with_a_reason_back_to_rectify(reported, loop, officer):
    hazard = loop(reported, "sign_off")
    hazard_reopen(hazard=hazard, user=officer, reason="Still blocked on Friday")
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.RECTIFYING
    assert hazard.signed_off_by is None
    assert actions(hazard)[-1] == "reopen"


def test_officer_rejects_a_report_and_the_reporter_is_told_why(reported, officer, employee, committed):
    with committed():
        hazard_reject(hazard=reported, user=officer, reason="Duplicate of YH-2026-0001")
    reported.refresh_from_db()
    assert reported.status == Hazard.Status.REJECTED
    note = Notification.objects.get(recipient=employee, key=f"hazard:{reported.pk}:rejected")
    assert note.body == "Duplicate of YH-2026-0001"


def test_reject_without_a_reason_is_refused(reported, officer):
    with pytest.raises(ApplicationError):
        hazard_reject(hazard=reported, user=officer, reason="  ")
    reported.refresh_from_db()
    assert reported.status == Hazard.Status.REPORTED


def _unchanged(hazard, status, n_entries):
    hazard.refresh_from_db()
    assert hazard.status == status
    assert timeline_for(hazard).count() == n_entries


def test_employee_cannot_assess(reported, employee):
    with pytest.raises(NotAllowed) as exc:
        hazard_assess(hazard=reported, user=employee, grade="general", likelihood=1, severity=1, category="fire")
    assert exc.value.message
    _unchanged(reported, Hazard.Status.REPORTED, 1)


def test_head_of_another_department_cannot_sign_off(reported, loop, other_head):
    hazard = loop(reported, "rectify")
    with pytest.raises(NotAllowed) as exc:
        hazard_sign_off(hazard=hazard, user=other_head)
    assert exc.value.message
    _unchanged(hazard, Hazard.Status.RECTIFIED, 4)


def test_officer_cannot_sign_off_for_a_department_with_a_head(reported, loop, officer):
    hazard = loop(reported, "rectify")
    with pytest.raises(NotAllowed):
        hazard_sign_off(hazard=hazard, user=officer)
    _unchanged(hazard, Hazard.Status.RECTIFIED, 4)


def test_verify_before_sign_off_is_refused(reported, loop, officer):
    hazard = loop(reported, "rectify")
    with pytest.raises(Conflict) as exc:
        hazard_verify(hazard=hazard, user=officer)
    assert "Awaiting sign-off" in exc.value.message
    _unchanged(hazard, Hazard.Status.RECTIFIED, 4)


def test_someone_other_than_the_responsible_person_cannot_rectify(reported, loop, head, officer):
    hazard = loop(reported, "plan")
    for user in (head, officer):
        with pytest.raises(NotAllowed):
            hazard_rectify(hazard=hazard, user=user, note="done")
    _unchanged(hazard, Hazard.Status.RECTIFYING, 3)


def test_head_cannot_plan_into_another_department(reported, loop, head, outsider, other_department):
    hazard = loop(reported, "assess")
    with pytest.raises(NotAllowed):
        hazard_plan(hazard=hazard, user=head, measures="x", responsible_person=outsider, department=other_department)
    _unchanged(hazard, Hazard.Status.ASSESSED, 2)


def test_second_sign_off_of_the_same_hazard_gets_a_clear_conflict(reported, loop, head):
    hazard = loop(reported, "sign_off")
    stale = Hazard.objects.get(pk=hazard.pk)
    stale.status = Hazard.Status.RECTIFIED  # what the second user's page still shows
    with pytest.raises(Conflict) as exc:
        hazard_sign_off(hazard=stale, user=head)
    assert hazard.number in exc.value.message
    _unchanged(hazard, Hazard.Status.SIGNED_OFF, 5)


def test_deadline_in_the_past_is_refused(reported, officer):
    with pytest.raises(ApplicationError):
        hazard_assess(
            hazard=reported, user=officer, grade="general", likelihood=2, severity=2, category="fire",
            deadline=timezone.localdate() - datetime.timedelta(days=1),
        )  # fmt: skip
    _unchanged(reported, Hazard.Status.REPORTED, 1)


def test_each_step_notifies_the_next_person(reported, loop, officer, head, employee):
    assert Notification.objects.filter(recipient=officer, key=f"hazard:{reported.pk}:reported").exists()
    loop(reported, "rectify")
    assert Notification.objects.filter(recipient=head, key=f"hazard:{reported.pk}:assessed").exists()
    assert Notification.objects.filter(recipient=employee, key__startswith=f"hazard:{reported.pk}:plan").exists()
    assert Notification.objects.filter(recipient=head, key__startswith=f"hazard:{reported.pk}:rectified").exists()
