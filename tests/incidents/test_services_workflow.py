import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.selectors import timeline_for
from apps.incidents.models import CorrectiveAction, Incident
from apps.incidents.services import (
    action_add,
    action_check,
    action_complete,
    incident_activate_plan,
    incident_assign_lead,
    incident_close,
    incident_external_overdue_send,
    incident_external_report,
    incident_investigate,
    incident_investigation_update,
    incident_reopen,
    incident_update,
)
from apps.incidents.workflow import INCIDENT_FLOW
from apps.notifications.models import Notification
from tests.emergency.factories import shipped_plan
from tests.incidents.factories import ActionFactory, IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(employee):
    return IncidentFactory(reporter=employee)


def _investigated(incident, officer):
    incident_investigate(incident=incident, user=officer)
    return incident_investigation_update(
        incident=incident,
        user=officer,
        cause_method="five_whys",
        whys=["Floor was wet", "Mop left water", "No sign"],
        root_cause="No wet-floor procedure",
    )


def test_the_workflow_is_declared_in_one_table_covering_every_status():
    targets = {m.target for m in INCIDENT_FLOW.moves.values()}
    sources = {s for m in INCIDENT_FLOW.moves.values() for s in m.sources}
    assert targets | sources == set(Incident.Status.values)


def test_an_employee_cannot_close_an_incident(incident, employee, officer):
    _investigated(incident, officer)
    with pytest.raises(NotAllowed):
        incident_close(incident=incident, user=employee)


def test_a_refused_move_is_also_a_permission_denied_for_views(incident, employee):
    with pytest.raises(PermissionDenied):
        incident_investigate(incident=incident, user=employee)


def test_a_reported_incident_cannot_jump_straight_to_closed(incident, officer):
    with pytest.raises(Conflict):
        incident_close(incident=incident, user=officer)


def test_the_page_offers_only_the_moves_the_user_may_make_now(incident, employee, officer):
    assert INCIDENT_FLOW.moves_for(incident, employee) == []
    assert [m.name for m in INCIDENT_FLOW.moves_for(incident, officer)] == ["investigate"]


def test_an_incident_cannot_close_while_an_action_is_open(incident, officer, employee):
    _investigated(incident, officer)
    action_add(incident=incident, user=officer, description="Mat", owner=employee, due_date=timezone.localdate())
    with pytest.raises(ApplicationError, match="pending"):
        incident_close(incident=incident, user=officer)


def test_an_incident_cannot_close_while_an_action_awaits_its_effectiveness_check(incident, officer, employee):
    _investigated(incident, officer)
    action = action_add(
        incident=incident, user=officer, description="Mat", owner=employee, due_date=timezone.localdate()
    )
    action_complete(action=action, user=employee, evidence="Mat laid")
    with pytest.raises(ApplicationError, match="pending"):
        incident_close(incident=incident, user=officer)


def test_an_incident_closes_when_every_action_is_checked_effective(incident, officer, employee):
    _investigated(incident, officer)
    today = timezone.localdate()
    action = action_add(
        incident=incident, user=officer, description="Mat", owner=employee, due_date=today, check_due=today
    )
    incident.refresh_from_db()
    assert incident.status == Incident.Status.ACTIONS
    action_complete(action=action, user=employee, evidence="Mat laid")
    action_check(action=action, user=officer, effective=True, note="No slips")
    incident = incident_close(incident=incident, user=officer)
    assert incident.status == Incident.Status.CLOSED and incident.closed_at
    moves = [(t.from_state, t.to_state) for t in timeline_for(incident) if t.to_state]
    assert ("actions", "closed") in moves


def test_the_effectiveness_check_is_refused_before_its_date(incident, officer, employee):
    _investigated(incident, officer)
    action = action_add(
        incident=incident, user=officer, description="Mat", owner=employee, due_date=timezone.localdate()
    )
    action = action_complete(action=action, user=employee, evidence="Mat laid")
    assert action.check_due == timezone.localdate() + datetime.timedelta(days=30)
    with pytest.raises(ApplicationError, match="not before"):
        action_check(action=action, user=officer, effective=True)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        action_check(action=action, user=officer, effective=True)
    action.refresh_from_db()
    assert action.status == CorrectiveAction.Status.CLOSED


def test_an_ineffective_action_goes_back_to_its_owner(incident, officer, employee, django_capture_on_commit_callbacks):
    _investigated(incident, officer)
    today = timezone.localdate()
    action = action_add(
        incident=incident, user=officer, description="Mat", owner=employee, due_date=today, check_due=today
    )
    action_complete(action=action, user=employee, evidence="Mat laid")
    with django_capture_on_commit_callbacks(execute=True):
        action = action_check(action=action, user=officer, effective=False, note="Still slippery")
    assert action.status == CorrectiveAction.Status.OPEN
    assert Notification.objects.filter(recipient=employee, key__contains=":reopened:").count() == 1


def test_the_owner_but_not_a_colleague_may_complete_an_action(incident, officer, employee, head):
    action = ActionFactory(incident=incident, owner=employee)
    with pytest.raises(NotAllowed):
        action_complete(action=action, user=head, evidence="done")
    assert action_complete(action=action, user=employee, evidence="done").status == CorrectiveAction.Status.DONE


def test_nobody_edits_a_closed_incident_without_reopening_it(incident, officer):
    _investigated(incident, officer)
    incident_close(incident=incident, user=officer)
    with pytest.raises(Conflict, match="locked"):
        incident_update(incident=incident, user=officer, description="Changed afterwards")
    with pytest.raises(Conflict):
        incident_activate_plan(incident=incident, user=officer, plan=shipped_plan("fire"))


def test_reopening_needs_a_reason_which_is_recorded(incident, officer):
    _investigated(incident, officer)
    incident_close(incident=incident, user=officer)
    with pytest.raises(ApplicationError):
        incident_reopen(incident=incident, user=officer, comment=" ")
    incident = incident_reopen(incident=incident, user=officer, comment="New witness statement")
    assert incident.status == Incident.Status.INVESTIGATING
    last = list(timeline_for(incident))[-1]
    assert (last.action, last.from_state, last.comment) == ("reopen", "closed", "New witness statement")
    incident_update(incident=incident, user=officer, description="Corrected after reopening")


def test_activating_a_plan_records_who_and_when(incident, officer):
    incident = incident_activate_plan(incident=incident, user=officer, plan=shipped_plan("fire"))
    assert incident.plan.code == "fire"
    assert incident.plan_activated_by == officer and incident.plan_activated_at is not None


def test_the_investigation_lead_may_investigate_but_not_close(incident, officer, head):
    incident = incident_assign_lead(incident=incident, user=officer, lead=head)
    incident_investigate(incident=incident, user=head)
    _ = incident_investigation_update(
        incident=incident, user=head, cause_method="categories", cause_categories=["environment"], root_cause="Wet"
    )
    with pytest.raises(NotAllowed):
        incident_close(incident=incident, user=head)


def test_a_required_external_report_warns_officers_once_when_overdue(incident, officer):
    incident_external_report(incident=incident, user=officer, required=True)
    incident.refresh_from_db()
    assert incident_external_overdue_send() == 0
    later = incident.external_due_at + datetime.timedelta(minutes=1)
    assert incident_external_overdue_send(now=later) == 1
    assert incident_external_overdue_send(now=later + datetime.timedelta(hours=1)) == 0


def test_a_made_external_report_is_not_overdue(incident, officer):
    incident_external_report(
        incident=incident,
        user=officer,
        required=True,
        authority="District emergency bureau",
        reported_at=timezone.now(),
        reference="EM-2026-117",
    )
    assert incident_external_overdue_send(now=timezone.now() + datetime.timedelta(days=3)) == 0
