"""Who may do what with a hazard. Each move's permission is "the hazard is in a state the move starts
from" (taken from ``models.MOVES``) and "the user has the role for it", so ``{% has_perm %}`` answers
"may this user make this move now"."""

import rules

from apps.core.permissions import (
    is_active_user,
    is_company_wide,
    is_department_head,
    is_head_of_object_department,
    is_officer,
)

from .models import MOVES


def in_state_for(move_name):
    sources = MOVES[move_name].sources

    @rules.predicate(name=f"hazard_can_{move_name}_now")
    def predicate(user, hazard):
        return hazard is not None and hazard.status in sources

    return predicate


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


can_view_hazard = is_company_wide | is_reporter | is_responsible_person | is_head_of_object_department
can_sign_off = is_head_of_object_department | (is_officer & department_has_no_head)

rules.add_perm("hazards.view_hazard", can_view_hazard)
rules.add_perm("hazards.add_hazard", is_active_user)
rules.add_perm("hazards.list_hazards", is_active_user)
rules.add_perm("hazards.view_map", is_company_wide | is_department_head)
rules.add_perm("hazards.print_poster", is_company_wide | is_department_head)
rules.add_perm("hazards.print_notice", can_view_hazard)
rules.add_perm("hazards.pick_people", is_officer | is_department_head)
# An anonymous reporter's name is for the safety officers (who may thank or reward them) only.
rules.add_perm("hazards.view_reporter", is_officer | is_reporter | (can_view_hazard & is_named_reporter))

rules.add_perm("hazards.assess_hazard", in_state_for("assess") & is_officer)
rules.add_perm("hazards.reject_hazard", in_state_for("reject") & is_officer)
rules.add_perm("hazards.plan_hazard", in_state_for("plan") & (is_officer | is_head_of_object_department))
rules.add_perm("hazards.rectify_hazard", in_state_for("rectify") & is_responsible_person)
rules.add_perm("hazards.sign_off_hazard", in_state_for("sign_off") & can_sign_off)
rules.add_perm("hazards.return_hazard", in_state_for("return") & can_sign_off)
rules.add_perm("hazards.verify_hazard", in_state_for("verify") & is_officer)
rules.add_perm("hazards.reopen_hazard", in_state_for("reopen") & is_officer)
