"""The annual safety work plan (R2.2.2): tasks by month, approval by management, task moves."""

import pytest

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.notifications.models import Notification
from apps.responsibilities import services
from apps.responsibilities.models import Task, WorkPlan
from apps.responsibilities.selectors import plan_progress_by_month, plan_progress_by_owner
from tests.responsibilities.conftest import approved_plan, refused, this_year

pytestmark = pytest.mark.django_db
T = Task.Status


def test_a_task_is_due_at_the_end_of_its_month(officer, head):
    plan = services.workplan_create(user=officer, year=2028)
    task = services.task_add(plan=plan, user=officer, title="Fire drill", month=2, owner=head)
    assert task.due_date.isoformat() == "2028-02-29"


def test_a_month_outside_1_to_12_is_refused(officer, head):
    plan = services.workplan_create(user=officer, year=this_year())
    with pytest.raises(ApplicationError):
        services.task_add(plan=plan, user=officer, title="x", month=13, owner=head)
    assert not Task.objects.exists()


def test_the_owners_hear_of_their_tasks_when_management_approves(officer, manager, head, committed):
    plan = services.workplan_create(user=officer, year=this_year())
    services.task_add(plan=plan, user=officer, title="Drill", month=3, owner=head)
    services.task_add(plan=plan, user=officer, title="Check", month=4, owner=head)
    services.workplan_submit(workplan=plan, user=officer)
    with committed():
        services.workplan_approve(workplan=plan, user=manager)
    assert plan.status == WorkPlan.Status.APPROVED
    assert Notification.objects.filter(recipient=head, key=f"workplan:{plan.pk}:owner").count() == 1


def test_the_preparer_may_not_approve_the_plan(manager, head):
    plan = services.workplan_create(user=manager, year=this_year())
    services.task_add(plan=plan, user=manager, title="Drill", month=3, owner=head)
    services.workplan_submit(workplan=plan, user=manager)
    refused(lambda: services.workplan_approve(workplan=plan, user=manager), plan, NotAllowed)


def test_an_empty_plan_cannot_be_submitted(officer):
    plan = services.workplan_create(user=officer, year=this_year())
    refused(lambda: services.workplan_submit(workplan=plan, user=officer), plan)


def test_last_years_plan_is_copied_as_a_draft_with_every_task_planned(officer, manager, head):
    old, [task] = approved_plan(officer, manager, head, months=(5,), year=this_year() - 1)
    services.task_done(task=task, user=head)
    plan = services.workplan_create(user=officer, year=this_year(), copy_from=True)
    copied = plan.tasks.get()
    assert plan.status == WorkPlan.Status.DRAFT
    assert (copied.title, copied.owner, copied.month, copied.status, copied.clause_ref) == (
        task.title, head, 5, T.PLANNED, "R3.1.4",
    )  # fmt: skip
    assert copied.due_date.year == this_year()


def test_copying_when_there_is_no_plan_last_year_is_refused(officer):
    with pytest.raises(ApplicationError):
        services.workplan_create(user=officer, year=this_year(), copy_from=True)
    assert not WorkPlan.objects.exists()


def test_tasks_are_not_added_to_an_approved_plan(officer, manager, head):
    plan, _tasks = approved_plan(officer, manager, head)
    with pytest.raises(ApplicationError):
        services.task_add(plan=plan, user=officer, title="Late", month=2, owner=head)


def test_the_owner_starts_and_completes_their_task(officer, manager, head):
    _plan, [task] = approved_plan(officer, manager, head)
    services.task_start(task=task, user=head)
    services.task_done(task=task, user=head, outcome="Held with 40 people")
    assert (task.status, task.done_by, task.outcome) == (T.DONE, head, "Held with 40 people")


def test_someone_else_may_not_work_on_the_task(officer, manager, head, employee):
    _plan, [task] = approved_plan(officer, manager, head)
    refused(lambda: services.task_start(task=task, user=employee), task, NotAllowed)
    refused(lambda: services.task_done(task=task, user=employee), task, NotAllowed)


def test_a_task_of_a_plan_not_yet_approved_cannot_start(officer, head):
    plan = services.workplan_create(user=officer, year=this_year())
    task = services.task_add(plan=plan, user=officer, title="Drill", month=3, owner=head)
    refused(lambda: services.task_start(task=task, user=head), task, NotAllowed)


def test_cancelling_needs_a_reason_and_is_for_officers_and_management(officer, manager, head):
    _plan, [task] = approved_plan(officer, manager, head)
    refused(lambda: services.task_cancel(task=task, user=head, comment="Busy"), task, NotAllowed)
    refused(lambda: services.task_cancel(task=task, user=officer, comment=""), task)
    services.task_cancel(task=task, user=officer, comment="Merged with the March drill")
    assert (task.status, task.cancel_reason) == (T.CANCELLED, "Merged with the March drill")


def test_an_officer_reopens_a_done_task_with_a_reason(officer, manager, head):
    _plan, [task] = approved_plan(officer, manager, head)
    services.task_done(task=task, user=head)
    refused(lambda: services.task_reopen(task=task, user=head, comment="x"), task, NotAllowed)
    services.task_reopen(task=task, user=officer, comment="No record of it")
    assert task.status == T.IN_PROGRESS and task.done_at is None


def test_progress_by_month_and_owner_count_each_status(officer, manager, head, employee):
    plan, tasks = approved_plan(officer, manager, head, months=(1, 1, 2))
    services.task_done(task=tasks[0], user=head)
    services.task_cancel(task=tasks[1], user=officer, comment="Dropped")
    by_month = plan_progress_by_month(plan)
    assert (by_month[0]["total"], by_month[0]["done"], by_month[0]["cancelled"], by_month[0]["percent"]) == (
        2,
        1,
        1,
        100,
    )
    [row] = plan_progress_by_owner(plan)
    assert (row["owner_id"], row["total"], row["done"]) == (head.pk, 3, 1)
