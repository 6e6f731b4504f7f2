"""Plans, inspections and appliance requests on the workflow engine: who is offered which move when,
the timeline's move names, and the decision's former address."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from apps.core.exceptions import Conflict, NotAllowed
from apps.core.selectors import timeline_for
from apps.core.services import timeline_record
from apps.inspections import services
from apps.inspections.models import ApplianceRequest, Inspection, InspectionPlan, InspectionResult
from apps.inspections.workflow import APPLIANCE_FLOW, INSPECTION_FLOW, PLAN_FLOW
from tests.inspections.factories import (
    ApplianceRequestFactory,
    InspectionFactory,
    InspectionPlanFactory,
    PlanLineFactory,
    make_template,
)
from tests.organization.factories import AreaFactory

pytestmark = pytest.mark.django_db


def _names(flow, obj, user):
    return [m.name for m in flow.moves_for(obj, user)]


@pytest.fixture
def inspection(head, department):
    return InspectionFactory(template=make_template(items=2), area=AreaFactory(department=department), inspector=head)


def test_the_inspector_is_offered_start_then_finish_and_management_neither(inspection, head, officer, manager):
    assert _names(INSPECTION_FLOW, inspection, head) == ["start"]
    assert _names(INSPECTION_FLOW, inspection, officer) == ["start"]  # an officer may step in
    assert _names(INSPECTION_FLOW, inspection, manager) == []
    services.inspection_start(inspection=inspection, user=head)
    assert _names(INSPECTION_FLOW, inspection, head) == ["finish"]
    assert _names(INSPECTION_FLOW, inspection, manager) == []


def test_the_moves_leave_rows_named_by_the_move(inspection, head):
    services.inspection_start(inspection=inspection, user=head)
    inspection.results.update(outcome=InspectionResult.Outcome.PASS)
    services.inspection_finish(inspection=inspection, user=head, signature_name="王芳", summary="All fine")
    rows = list(timeline_for(inspection))
    assert [(r.action, r.from_state, r.to_state) for r in rows] == [
        ("start", "scheduled", "in_progress"),
        ("finish", "in_progress", "finished"),
    ]
    assert rows[1].comment == "王芳"
    inspection.refresh_from_db()
    assert (inspection.summary, inspection.signature_name) == ("All fine", "王芳")


def test_an_answer_after_the_finish_is_a_conflict_and_changes_nothing(inspection, head):
    services.inspection_start(inspection=inspection, user=head)
    result = inspection.results.first()
    Inspection.objects.filter(pk=inspection.pk).update(status=Inspection.Status.FINISHED)
    with pytest.raises(Conflict):
        services.inspection_result_save(result=result, user=head, outcome="pass")
    result.refresh_from_db()
    assert result.outcome == ""


def test_a_plan_is_approved_by_management_and_completed_by_officers(officer, manager, head):
    plan = PlanLineFactory(template=make_template(items=1), inspector=head).plan
    assert _names(PLAN_FLOW, plan, manager) == ["approve"]
    assert _names(PLAN_FLOW, plan, officer) == []
    services.inspection_plan_approve(plan=plan, user=manager, comment="Agreed by the committee")
    assert plan.status == InspectionPlan.Status.APPROVED and plan.approved_by == manager
    assert _names(PLAN_FLOW, plan, manager) == []
    assert _names(PLAN_FLOW, plan, officer) == ["generate"]
    assert services.inspection_plan_generate(plan=plan, user=officer) == 0
    actions = [r.action for r in timeline_for(plan)]
    assert actions[0] == "approve" and actions[-1] == "generate"


def test_only_an_approved_plan_schedules_missing_inspections(officer):
    plan = InspectionPlanFactory()
    with pytest.raises(Conflict):
        services.inspection_plan_generate(plan=plan, user=officer)


def test_an_appliance_request_is_decided_once_by_an_officer(officer, employee, department):
    req = ApplianceRequestFactory(requester=employee, area=AreaFactory(department=department))
    assert _names(APPLIANCE_FLOW, req, officer) == ["approve", "reject"]
    assert _names(APPLIANCE_FLOW, req, employee) == []
    with pytest.raises(NotAllowed):
        services.appliance_request_approve(appliance_request=req, user=employee)
    services.appliance_request_reject(appliance_request=req, user=officer, comment="Use the pantry kettle")
    assert (req.status, req.decided_by, req.decision_comment) == ("rejected", officer, "Use the pantry kettle")
    assert _names(APPLIANCE_FLOW, req, officer) == []
    assert [r.action for r in timeline_for(req)] == ["reject"]


def test_the_former_decision_address_still_decides(client, officer):
    req = ApplianceRequestFactory()
    client.force_login(officer)
    response = client.post(reverse("appliances:appliance_decide", args=[req.pk]), {"decision": "approve"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == ApplianceRequest.Status.APPROVED


def test_the_former_decision_address_refuses_an_unknown_decision(client, officer):
    req = ApplianceRequestFactory()
    client.force_login(officer)
    response = client.post(reverse("appliances:appliance_decide", args=[req.pk]), {"decision": "maybe"})
    assert response.status_code == 400
    req.refresh_from_db()
    assert req.status == ApplianceRequest.Status.PENDING


def test_the_pages_offer_the_moves_as_buttons(client, inspection, head, manager):
    client.force_login(head)
    html = client.get(inspection.get_absolute_url()).content.decode()
    assert 'id="start-inspection"' in html and reverse("inspections:inspection_start", args=[inspection.pk]) in html
    client.force_login(manager)
    assert 'id="start-inspection"' not in client.get(inspection.get_absolute_url()).content.decode()


def test_the_paths_of_the_moves_are_those_of_before():
    assert reverse("inspections:inspection_start", args=[7]) == "/inspections/7/start/"
    assert reverse("inspections:inspection_finish", args=[7]) == "/inspections/7/finish/"
    assert reverse("inspections:inspectionplan_approve", args=[7]) == "/inspections/plans/7/approve/"
    assert reverse("inspections:inspectionplan_generate", args=[7]) == "/inspections/plans/7/generate/"
    assert reverse("appliances:appliance_decide", args=[7]) == "/appliances/7/decide/"


def test_rows_written_before_the_engine_get_the_move_names(officer):
    req = ApplianceRequestFactory()
    timeline_record(subject=req, actor=officer, action="requested", to_state="pending")
    timeline_record(subject=req, actor=officer, action="decided", from_state="pending", to_state="rejected")
    migration = importlib.import_module("apps.inspections.migrations.0008_timeline_move_names")
    migration.to_move_names(django_apps, None)
    assert [r.action for r in timeline_for(req)] == ["request", "reject"]
    migration.to_phrases(django_apps, None)
    assert [r.action for r in timeline_for(req)] == ["requested", "decided"]
