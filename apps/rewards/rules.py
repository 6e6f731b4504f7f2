"""Who may do what with rewards, penalties and the scorecard. The moves' permissions
(``rewards.<move>_decision``) come from ``workflow.py``; here are the predicates they compose."""

import rules

from apps.core.permissions import (
    is_active_user,
    is_company_wide,
    is_department_head,
    is_head_of_object_department,
    is_management,
    is_officer,
)


@rules.predicate
def is_reward(user, decision):
    return decision is not None and decision.is_reward


@rules.predicate
def is_penalty(user, decision):
    return decision is not None and decision.is_penalty


@rules.predicate
def did_propose(user, decision):
    return decision is not None and decision.proposed_by_id == user.pk


@rules.predicate
def is_person_concerned(user, decision):
    """The person the decision is about; for a decision about a whole department, its head."""
    if decision is None or not is_active_user(user):
        return False
    if decision.person_id:
        return decision.person_id == user.pk
    return decision.department_id in user.headed_department_ids


@rules.predicate
def did_appeal(user, decision):
    return decision is not None and decision.appealed_at is not None and is_person_concerned(user, decision)


# A safety officer proposes for anyone; a department head for their own department only.
can_propose_for = is_officer | is_head_of_object_department
# Management approves; whoever proposed it does not (separation of duties).
can_approve = is_management & ~did_propose
# Officers and management announce a reward or notify a penalty once approved.
can_publish = is_company_wide
can_appeal = is_penalty & is_person_concerned
can_decide_appeal = is_management & ~did_appeal

rules.add_perm("rewards.list_decisions", is_active_user)
rules.add_perm("rewards.propose", is_officer | is_department_head)
rules.add_perm("rewards.propose_for", can_propose_for)  # obj: the department (or a probe decision)
rules.add_perm("rewards.view_amount", is_company_wide)
rules.add_perm("rewards.view_all", is_company_wide)
rules.add_perm("rewards.view_suggestions", is_officer)
rules.add_perm("rewards.set_weights", is_officer)
rules.add_perm("rewards.view_scorecard", is_company_wide | is_department_head)
rules.add_perm("rewards.export_scorecard", is_company_wide)
rules.add_perm("rewards.view_department_scorecard", is_company_wide | is_head_of_object_department)
