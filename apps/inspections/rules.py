"""Who may do what in inspections, equipment, appliance approvals and the visitor log.

Lists are scoped by ``selectors``; these predicates answer for one object.
"""

import rules

from apps.core.permissions import (
    is_active_user,
    is_company_wide,
    is_department_head,
    is_management,
    is_officer,
    is_safety_officer,
)

from .models import InspectionPlan, InspectorRole


def _inspection_department_id(inspection):
    if inspection.department_id:
        return inspection.department_id
    if inspection.area_id:
        return inspection.area.department_id
    return None


@rules.predicate
def is_inspector(user, inspection):
    return inspection is not None and is_active_user(user) and inspection.inspector_id == user.pk


@rules.predicate
def holds_unclaimed_role(user, inspection):
    """The inspection waits on a role (no person yet) and the user holds it: any safety officer for
    "safety officer (any)", the inspected department's head for "head of the scoped department"."""
    if inspection is None or inspection.inspector_id is not None or not is_active_user(user):
        return False
    if inspection.inspector_role == InspectorRole.SAFETY_OFFICER:
        return is_safety_officer(user)
    if inspection.inspector_role == InspectorRole.DEPARTMENT_HEAD:
        return heads_inspected_department(user, inspection)
    return False


@rules.predicate
def heads_inspected_department(user, inspection):
    if inspection is None or not is_active_user(user):
        return False
    dept_id = _inspection_department_id(inspection)
    return dept_id is not None and dept_id in user.headed_department_ids


@rules.predicate
def may_view_result_inspection(user, result):
    return result is not None and user.has_perm("inspections.view_inspection", result.inspection)


@rules.predicate
def heads_equipment_department(user, equipment):
    if equipment is None or not is_active_user(user):
        return False
    dept_id = equipment.area.department_id
    return dept_id is not None and dept_id in user.headed_department_ids


@rules.predicate
def may_view_check_equipment(user, check):
    return check is not None and user.has_perm("inspections.view_equipment", check.equipment)


@rules.predicate
def is_requester(user, appliance_request):
    return appliance_request is not None and appliance_request.requester_id == user.pk


# Checklist templates: everyone may read them (they are what inspections look at); officers edit.
rules.add_perm("inspections.view_checklisttemplate", is_active_user)
rules.add_perm("inspections.manage_templates", is_officer)

# Annual plan: officers draw it up, management approves (workflow.py); heads may read it (they inspect
# their areas).
rules.add_perm("inspections.view_plans", is_company_wide | is_department_head)
rules.add_perm("inspections.manage_plans", is_officer)


@rules.predicate
def is_draft_plan(user, plan):
    return plan is not None and plan.status == InspectionPlan.Status.DRAFT


# Lines are added and removed while the plan is a draft (the services check it under the plan's lock).
rules.add_perm("inspections.edit_plan_lines", is_officer & is_draft_plan)
rules.add_perm("inspections.view_coverage", is_company_wide)

# Inspections: the inspector carries one out (an officer may step in); heads see their department's.
# One assigned to a role is started by whoever holds the role, who becomes its inspector.
rules.add_perm("inspections.list_inspections", is_active_user)
rules.add_perm("inspections.create_inspection", is_officer | is_department_head)
rules.add_perm("inspections.view_inspection", is_company_wide | is_inspector | heads_inspected_department)
may_perform = is_inspector | holds_unclaimed_role | is_officer
rules.add_perm("inspections.perform_inspection", may_perform)
rules.add_perm("inspections.view_inspectionresult", may_view_result_inspection)

# Equipment register and QR quick checks.
rules.add_perm("inspections.list_equipment", is_company_wide | is_department_head)
rules.add_perm("inspections.view_equipment", is_company_wide | heads_equipment_department)
rules.add_perm("inspections.manage_equipment", is_officer)
rules.add_perm("inspections.check_equipment", is_officer | heads_equipment_department)
rules.add_perm("inspections.view_equipmentcheck", may_view_check_equipment)

# High-power appliances: anyone asks, a safety officer decides (the moves in workflow.py).
rules.add_perm("inspections.request_appliance", is_active_user)
rules.add_perm("inspections.view_appliancerequest", is_officer | is_management | is_requester)
rules.add_perm("inspections.decide_appliances", is_officer)

# Visitor log (R3.4.4). Anyone may sign in a visitor they receive. The whole log (and every visitor on
# site) is for the reception desk (members of the "reception" group, set in the admin), safety officers
# and management; otherwise a person sees the visits they host or signed in, and a department head those
# to the department's areas. Signing a visitor out is for the host, whoever signed them in, the head of
# the visited area's department, reception and safety officers. ``selectors.visits_for`` scopes lists alike.
RECEPTION_GROUP = "reception"
is_reception = rules.is_group_member(RECEPTION_GROUP)


@rules.predicate
def is_host(user, visit):
    return visit is not None and visit.host_id == user.pk


@rules.predicate
def signed_visitor_in(user, visit):
    return visit is not None and visit.registered_by_id == user.pk


@rules.predicate
def heads_visited_area(user, visit):
    return visit is not None and is_active_user(user) and visit.area.department_id in user.headed_department_ids


sees_whole_visitor_log = is_company_wide | is_reception
rules.add_perm("inspections.use_visitor_log", is_active_user)
rules.add_perm("inspections.view_whole_visitor_log", is_active_user & sees_whole_visitor_log)
rules.add_perm(
    "inspections.view_visit",
    is_active_user & (sees_whole_visitor_log | is_host | signed_visitor_in | heads_visited_area),
)
rules.add_perm(
    "inspections.sign_out_visit",
    is_active_user & (is_officer | is_reception | is_host | signed_visitor_in | heads_visited_area),
)
