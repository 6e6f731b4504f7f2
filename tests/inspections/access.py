from apps.inspections.models import Inspection, InspectionPlan, InspectionResult
from tests.access import COMPANY_WIDE, HEADS_AND_COMPANY, LOGIN, OFFICERS, Case, everyone, only
from tests.inspections.factories import (
    ApplianceRequestFactory,
    EquipmentFactory,
    InspectionFactory,
    InspectionPlanFactory,
    PlanLineFactory,
    VisitFactory,
    make_template,
)
from tests.organization.factories import AreaFactory


def _area(p):
    return AreaFactory(department=p["employee"].department)


def _inspection(p, status=Inspection.Status.SCHEDULED):
    """An inspection of the employee's department's area, carried out by its head."""
    template = make_template(items=2)
    inspection = InspectionFactory(template=template, area=_area(p), inspector=p["head"], status=status)
    if status != Inspection.Status.SCHEDULED:
        for item in template.items.all():
            InspectionResult.objects.create(inspection=inspection, item=item)
    return inspection


def _inspection_pk(p):
    return {"pk": _inspection(p).pk}


def _result_kwargs(p):
    inspection = _inspection(p, status=Inspection.Status.IN_PROGRESS)
    return {"pk": inspection.pk, "result_pk": inspection.results.first().pk}


def _in_progress_pk(p):
    return {"pk": _inspection(p, status=Inspection.Status.IN_PROGRESS).pk}


def _answered_pk(p):
    """An inspection in progress with every item answered, ready to be finished."""
    inspection = _inspection(p, status=Inspection.Status.IN_PROGRESS)
    inspection.results.update(outcome=InspectionResult.Outcome.PASS)
    return {"pk": inspection.pk}


def _plan_pk(p):
    return {"pk": InspectionPlanFactory().pk}


def _plan_with_line_pk(p):
    """A draft plan with one line, ready to be approved."""
    line = PlanLineFactory(template=make_template(items=1), inspector=p["head"])
    return {"pk": line.plan_id}


def _approved_plan_pk(p):
    return {"pk": InspectionPlanFactory(status=InspectionPlan.Status.APPROVED).pk}


def _line_kwargs(p):
    line = PlanLineFactory(template=make_template(items=1), inspector=p["head"])
    return {"pk": line.plan_id, "line_pk": line.pk}


def _template_pk(p):
    return {"pk": make_template(items=2).pk}


def _equipment_pk(p):
    return {"pk": EquipmentFactory(area=_area(p)).pk}


def _appliance_pk(p):
    return {"pk": ApplianceRequestFactory(requester=p["employee"], area=_area(p)).pk}


def _visit_pk(p):
    return {"pk": VisitFactory(host=p["employee"], area=_area(p)).pk}


# Inspections of the employee's department's area, inspected by its head.
ON_INSPECTION = {
    "anonymous": LOGIN,
    "employee": 404,
    "outsider": 404,
    "head": 200,
    "other_head": 404,
    "officer": 200,
    "manager": 200,
}


def _perform(status):
    return {**ON_INSPECTION, "head": status, "officer": status, "manager": 403}


# A plan's moves (generic move view): those who may not read plans do not find it (404); those who read
# plans but may not make the move get a 403.
def _plan_move(allowed, status=302):
    return {
        "anonymous": LOGIN,
        "employee": 404,
        "outsider": 404,
        "head": 403,
        "other_head": 403,
        "officer": 403,
        "manager": 403,
        **dict.fromkeys(allowed, status),
    }


# An appliance request of the employee (generic move view): the requester sees it but may not decide
# (403); heads and outsiders do not see it (404); officers decide.
def _decide(status=302):
    return {
        "anonymous": LOGIN,
        "employee": 403,
        "outsider": 404,
        "head": 404,
        "other_head": 404,
        "officer": status,
        "manager": 403,
    }


ON_EQUIPMENT = ON_INSPECTION

ACCESS = {
    "inspections:inspection_list": Case(expect=everyone()),
    "inspections:inspection_create": Case(expect=only({"head", "other_head", "officer"})),
    "inspections:inspection_detail": Case(kwargs=_inspection_pk, expect=ON_INSPECTION),
    "inspections:inspection_start": Case(kwargs=_inspection_pk, method="post", expect=_perform(302)),
    "inspections:inspection_result_save": Case(
        kwargs=_result_kwargs, method="post", data={"outcome": "pass"}, expect=_perform(302)
    ),
    "inspections:inspection_finish": Case(
        kwargs=_answered_pk, method="post", data={"finish-signature_name": "X"}, expect=_perform(302)
    ),
    "inspections:inspection_report": Case(kwargs=_inspection_pk, expect=ON_INSPECTION),
    "inspections:plan_list": Case(expect=only(HEADS_AND_COMPANY)),
    "inspections:plan_detail": Case(kwargs=_plan_pk, expect=only(HEADS_AND_COMPANY)),
    "inspections:plan_line_delete": Case(kwargs=_line_kwargs, method="post", expect=only(OFFICERS, status=302)),
    "inspections:inspectionplan_approve": Case(
        kwargs=_plan_with_line_pk, method="post", expect=_plan_move({"manager"})
    ),
    "inspections:inspectionplan_generate": Case(
        kwargs=_approved_plan_pk, method="post", expect=_plan_move({"officer"})
    ),
    "inspections:template_list": Case(expect=everyone()),
    "inspections:template_create": Case(expect=only(OFFICERS)),
    "inspections:template_detail": Case(kwargs=_template_pk, expect=everyone()),
    "inspections:template_edit": Case(kwargs=_template_pk, expect=only(OFFICERS)),
    "inspections:coverage": Case(expect=only(COMPANY_WIDE)),
    "equipment:equipment_list": Case(expect=only(HEADS_AND_COMPANY)),
    "equipment:equipment_create": Case(expect=only(OFFICERS)),
    "equipment:equipment_detail": Case(kwargs=_equipment_pk, expect=ON_EQUIPMENT),
    "equipment:equipment_edit": Case(kwargs=_equipment_pk, expect=only(OFFICERS)),
    "equipment:equipment_check": Case(kwargs=_equipment_pk, expect={**ON_EQUIPMENT, "manager": 403}),
    "equipment:equipment_label": Case(kwargs=_equipment_pk, expect=ON_EQUIPMENT),
    "equipment:equipment_qr": Case(kwargs=_equipment_pk, expect=ON_EQUIPMENT),
    "appliances:appliance_list": Case(expect=everyone()),
    "appliances:appliance_request_create": Case(expect=everyone()),
    "appliances:appliance_detail": Case(
        kwargs=_appliance_pk,
        expect={
            "anonymous": LOGIN,
            "employee": 200,
            "outsider": 404,
            "head": 404,
            "other_head": 404,
            "officer": 200,
            "manager": 200,
        },
    ),
    # The decision's former address (kept): ``decision`` picks the move.
    "appliances:appliance_decide": Case(
        kwargs=_appliance_pk, method="post", data={"decision": "approve"}, expect=_decide()
    ),
    "appliances:appliancerequest_approve": Case(kwargs=_appliance_pk, method="post", expect=_decide()),
    # An empty rejection: the officer gets the form back asking for a reason.
    "appliances:appliancerequest_reject": Case(kwargs=_appliance_pk, method="post", expect=_decide(400)),
    "visitors:visit_list": Case(expect=everyone()),
    "visitors:visit_register": Case(expect=everyone()),
    "visitors:host_search": Case(query="host=li", expect=everyone()),
    # The employee hosts a visitor to the department's area: the host, the area's head and officers sign
    # them out; management sees the whole log but does not sign out; others do not see the visit (404).
    "visitors:visit_sign_out": Case(
        kwargs=_visit_pk,
        method="post",
        expect={
            "anonymous": LOGIN,
            "employee": 302,
            "outsider": 404,
            "head": 302,
            "other_head": 404,
            "officer": 302,
            "manager": 403,
        },
    ),
}
