"""Who may do what with a hazard. The permissions of the moves (``hazards.<move>_hazard``) are
registered by the workflow declaration (``workflow.py``) from the predicates below, so
``{% has_perm %}`` answers "may this user make this move now"."""

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
def is_reporter(user, hazard):
    return hazard is not None and hazard.reporter_id == user.pk


@rules.predicate
def is_responsible_person(user, hazard):
    return hazard is not None and hazard.responsible_person_id is not None and hazard.responsible_person_id == user.pk


@rules.predicate
def department_has_no_head(user, hazard):
    """Nobody can sign off a department without a head; the safety officers stand in."""
    return hazard is not None and (hazard.department_id is None or hazard.department.head_id is None)


@rules.predicate
def is_named_reporter(user, hazard):
    return hazard is not None and not hazard.is_anonymous


@rules.predicate
def did_rectify(user, hazard):
    """The user recorded the rectification (the last ``rectify`` move)."""
    return hazard is not None and hazard.rectified_by_id is not None and hazard.rectified_by_id == user.pk


@rules.predicate
def head_rectified(user, hazard):
    """The head of the responsible department recorded the rectification themselves: the sign-off,
    normally theirs, goes up to management."""
    return hazard is not None and hazard.sign_off_escalated


can_view_hazard = is_company_wide | is_reporter | is_responsible_person | is_head_of_object_department
# Separation of duties: whoever did the work does not approve it. The head of the responsible
# department signs off (the safety officers stand in for a department without a head); never the
# person who rectified it — when that was the head, management signs off instead.
can_sign_off = ~did_rectify & (
    is_head_of_object_department | (is_officer & department_has_no_head) | (is_management & head_rectified)
)
can_verify = is_officer & ~did_rectify
can_plan = is_officer | is_head_of_object_department

rules.add_perm("hazards.view_hazard", can_view_hazard)
rules.add_perm("hazards.add_hazard", is_active_user)
rules.add_perm("hazards.list_hazards", is_active_user)
rules.add_perm("hazards.view_map", is_company_wide | is_department_head)
rules.add_perm("hazards.print_poster", is_company_wide | is_department_head)
rules.add_perm("hazards.print_notice", can_view_hazard)
# An anonymous reporter's name is for the safety officers (who may thank or reward them) only.
rules.add_perm("hazards.view_reporter", is_officer | is_reporter | (can_view_hazard & is_named_reporter))
