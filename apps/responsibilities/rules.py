"""Who may do what with objectives, budgets, work plans, meetings, action items and statements.

The permissions of the moves (``responsibilities.<move>_<model>``) are registered by the workflow
declarations (``workflow.py``) from the predicates below; the engine adds the state checks.
Separation of duties: whoever prepared or submitted something does not approve it; whoever recorded
spending does not override the budget for it; an action's owner does not reopen (judge) their own
work; a person signs only their own statement and never countersigns it.
"""

import rules

from apps.core.permissions import (
    is_active_user,
    is_company_wide,
    is_department_head,
    is_head_of_object_department,
    is_management,
    is_officer,
)

is_preparer = is_officer | is_management


@rules.predicate
def did_propose(user, obj):
    """Prepared or submitted it (objective, budget, work plan): may not approve it."""
    return obj is not None and user.pk in {obj.created_by_id, obj.submitted_by_id}


@rules.predicate
def is_owner(user, obj):
    return obj is not None and obj.owner_id == user.pk


# -- objectives ------------------------------------------------------------------------------------

can_prepare_objective = is_preparer | is_head_of_object_department
can_approve = is_management & ~did_propose

# -- budget ------------------------------------------------------------------------------------------


@rules.predicate
def recorded_spending(user, spending):
    return spending is not None and spending.recorded_by_id == user.pk


can_decide_override = is_management & ~recorded_spending

# -- work plan ---------------------------------------------------------------------------------------


@rules.predicate
def plan_is_approved(user, task):
    return task is not None and task.plan.is_approved


can_work_on_task = plan_is_approved & (is_owner | is_officer)
can_cancel_task = plan_is_approved & is_preparer

# -- meetings ----------------------------------------------------------------------------------------


@rules.predicate
def is_chair(user, meeting):
    return meeting is not None and meeting.chair_id == user.pk


@rules.predicate
def is_organiser(user, meeting):
    return meeting is not None and meeting.organiser_id == user.pk


@rules.predicate
def heads_meeting_department(user, meeting):
    return meeting is not None and meeting.department_id is not None and is_head_of_object_department(user, meeting)


can_organise_meeting = is_officer | is_management | is_chair | is_organiser | heads_meeting_department


@rules.predicate
def can_organise_actions_meeting(user, action):
    return action is not None and can_organise_meeting(user, action.meeting)


can_close_action = can_organise_actions_meeting
can_reopen_action = can_organise_actions_meeting & ~is_owner

# -- statements --------------------------------------------------------------------------------------


@rules.predicate
def is_statement_person(user, statement):
    return statement is not None and statement.person_id == user.pk


@rules.predicate
def is_counterparty(user, statement):
    """Management countersigns the heads' statements; the head of the department the employees' (and
    management stands in for a department without a head)."""
    if statement is None or not is_active_user(user):
        return False
    if statement.level == statement.Level.HEAD:
        return is_management(user)
    if statement.department_id is None:
        return False
    if statement.department_id in user.headed_department_ids:
        return True
    return statement.department.head_id is None and is_management(user)


can_countersign = is_counterparty & ~is_statement_person
can_view_statement = is_company_wide | is_statement_person | is_counterparty

rules.add_perm("responsibilities.use", is_active_user)
rules.add_perm("responsibilities.add_objective", is_preparer | is_department_head)
rules.add_perm("responsibilities.change_objective", can_prepare_objective)
rules.add_perm("responsibilities.manage_budget", is_preparer)
rules.add_perm("responsibilities.view_budget", is_company_wide | is_department_head)
rules.add_perm("responsibilities.record_spending", is_preparer)
rules.add_perm("responsibilities.view_spending", is_company_wide | is_department_head)
rules.add_perm("responsibilities.manage_plan", is_preparer)
rules.add_perm("responsibilities.add_meeting", is_preparer | is_department_head)
rules.add_perm("responsibilities.change_meeting", can_organise_meeting)


@rules.predicate
def meeting_not_yet_held(user, meeting):
    """Its time, place and invitations still change (a draft or scheduled meeting)."""
    return meeting is not None and meeting.status in (meeting.Status.DRAFT, meeting.Status.SCHEDULED)


rules.add_perm("responsibilities.edit_meeting_details", can_organise_meeting & meeting_not_yet_held)
rules.add_perm("responsibilities.manage_templates", is_officer)
rules.add_perm("responsibilities.issue_statements", is_preparer)
rules.add_perm("responsibilities.view_statement", can_view_statement)
rules.add_perm("responsibilities.view_statement_status", is_company_wide | is_department_head)
