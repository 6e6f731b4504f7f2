"""Objectives (R2.1.1): drafted, submitted, approved by management — never by whoever prepared it."""

import datetime
from decimal import Decimal

import pytest

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.notifications.models import Notification
from apps.responsibilities import services
from apps.responsibilities.models import Objective
from tests.responsibilities.conftest import make_objective, refused, this_year

pytestmark = pytest.mark.django_db
S = Objective.Status


def test_an_officer_drafts_a_company_objective_owned_by_themselves(officer):
    objective = make_objective(officer)
    assert (objective.status, objective.owner, objective.department) == (S.DRAFT, officer, None)
    assert objective.unit  # taken from the metric


def test_a_department_objective_is_owned_by_the_department_head_by_default(officer, head):
    parent = make_objective(officer)
    child = make_objective(officer, parent=parent, department=head.department)
    assert child.owner == head


def test_a_head_may_draft_their_departments_objective_but_not_a_company_one(head, other_department):
    assert make_objective(head, department=head.department).department == head.department
    with pytest.raises(NotAllowed):
        make_objective(head)
    with pytest.raises(NotAllowed):
        make_objective(head, department=other_department)
    assert Objective.objects.count() == 1


def test_an_employee_may_not_draft_an_objective(employee):
    with pytest.raises(NotAllowed):
        make_objective(employee, department=employee.department)
    assert not Objective.objects.exists()


def test_an_unknown_metric_is_refused(officer):
    with pytest.raises(ApplicationError):
        make_objective(officer, metric="nope.nothing")
    assert not Objective.objects.exists()


def test_a_breakdown_of_another_years_objective_is_refused(officer, head):
    parent = make_objective(officer, year=this_year() - 1)
    with pytest.raises(ApplicationError):
        make_objective(officer, parent=parent, department=head.department)


def test_the_preparer_submits_and_management_is_told(officer, manager, committed):
    objective = make_objective(officer)
    with committed():
        services.objective_submit(objective=objective, user=officer)
    assert objective.status == S.SUBMITTED and objective.submitted_by == officer
    assert Notification.objects.filter(
        recipient=manager, key__startswith=f"objective:{objective.pk}:submitted"
    ).exists()


def test_an_employee_may_not_submit(officer, employee):
    objective = make_objective(officer)
    refused(lambda: services.objective_submit(objective=objective, user=employee), objective, NotAllowed)


def test_management_approves_and_who_and_when_are_recorded(officer, manager):
    objective = make_objective(officer)
    services.objective_submit(objective=objective, user=officer)
    services.objective_approve(objective=objective, user=manager)
    assert objective.status == S.APPROVED and objective.approved_by == manager and objective.approved_at


def test_the_manager_who_prepared_an_objective_may_not_approve_it(manager, deputy):
    objective = make_objective(manager)
    services.objective_submit(objective=objective, user=manager)
    refused(lambda: services.objective_approve(objective=objective, user=manager), objective, NotAllowed)
    services.objective_approve(objective=objective, user=deputy)
    assert objective.status == S.APPROVED


def test_the_manager_who_submitted_may_not_approve_it(head, manager, deputy):
    objective = make_objective(head, department=head.department)
    services.objective_submit(objective=objective, user=manager)
    refused(lambda: services.objective_approve(objective=objective, user=manager), objective, NotAllowed)


def test_an_officer_may_not_approve(officer, head):
    objective = make_objective(head, department=head.department)
    services.objective_submit(objective=objective, user=head)
    refused(lambda: services.objective_approve(objective=objective, user=officer), objective, NotAllowed)


def test_approving_a_draft_is_a_conflict_that_changes_nothing(officer, manager):
    objective = make_objective(officer)
    refused(lambda: services.objective_approve(objective=objective, user=manager), objective)


def test_management_returns_with_a_reason_and_the_draft_can_be_changed_again(officer, manager):
    objective = make_objective(officer)
    services.objective_submit(objective=objective, user=officer)
    refused(lambda: services.objective_return(objective=objective, user=manager, comment="  "), objective)
    services.objective_return(objective=objective, user=manager, comment="Target too low")
    assert objective.status == S.DRAFT
    services.objective_update(objective=objective, user=officer, target=Decimal(1))
    assert objective.target == 1


def test_a_submitted_objective_cannot_be_changed(officer):
    objective = make_objective(officer)
    services.objective_submit(objective=objective, user=officer)
    refused(lambda: services.objective_update(objective=objective, user=officer, target=Decimal(9)), objective)


def test_a_figure_by_hand_is_recorded_for_a_manual_objective_only(officer):
    manual = make_objective(officer, metric="", unit="drills", direction="at_least", target=Decimal(4))
    services.objective_figure_add(objective=manual, user=officer, date=datetime.date(this_year(), 1, 5), value=2)
    assert manual.figures.count() == 1
    live = make_objective(officer)
    with pytest.raises(ApplicationError):
        services.objective_figure_add(objective=live, user=officer, date=datetime.date(this_year(), 1, 5), value=2)


def test_a_figure_dated_in_another_year_is_refused(officer):
    manual = make_objective(officer, metric="", direction="at_least", target=Decimal(4))
    with pytest.raises(ApplicationError):
        services.objective_figure_add(
            objective=manual, user=officer, date=datetime.date(this_year() - 1, 5, 1), value=2
        )
    assert not manual.figures.exists()


def test_an_employee_who_does_not_own_it_may_not_record_a_figure(officer, employee):
    manual = make_objective(officer, metric="", direction="at_least", target=Decimal(4))
    with pytest.raises(NotAllowed):
        services.objective_figure_add(objective=manual, user=employee, date=datetime.date(this_year(), 1, 5), value=2)
