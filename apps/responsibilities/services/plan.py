"""The annual safety work plan (R2.2.2): tasks by month with owners, drafted by the safety officers
(or copied from last year), approved by management; then each owner starts and completes their tasks,
and management or the officers cancel one only with a reason. Reminders before and after the due date."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.core.exceptions import ApplicationError
from apps.core.permissions import require
from apps.core.services import timeline_record
from apps.notifications.services import Message, notify_bulk

from ..models import Task, WorkPlan, month_end
from ..workflow import TASK_FLOW, WORKPLAN_FLOW
from . import approval
from .common import require_text, send, subject

REMIND_DAYS_BEFORE = 7


def workplan_create(*, user, year: int, note: str = "", copy_from: bool = False) -> WorkPlan:
    """A draft plan for ``year``; ``copy_from`` copies last year's tasks (same months, owners and
    clauses; all planned again) so the officers start from what worked."""
    require(user, "responsibilities.manage_plan")
    previous = None
    if copy_from:
        previous = WorkPlan.objects.filter(year=year - 1).first()
        if previous is None:
            raise ApplicationError(_("There is no work plan of %(year)s to copy.") % {"year": year - 1})
    try:
        with transaction.atomic():
            plan = WorkPlan.objects.create(year=year, note=(note or "").strip(), created_by=user)
            WORKPLAN_FLOW.start(plan, "create", user=user, comment=str(previous) if previous else "")
            if previous is not None:
                tasks = Task.objects.bulk_create(
                    Task(
                        plan=plan, month=t.month, due_date=month_end(year, t.month), title=t.title,
                        title_zh=t.title_zh, description=t.description, owner=t.owner,
                        department=t.department, clause_ref=t.clause_ref,
                    )
                    for t in previous.tasks.filter(owner__is_active=True).order_by("month", "id")
                )  # fmt: skip
                TASK_FLOW.start_many(tasks, "add", user=user, comment=str(previous))
    except IntegrityError:
        raise ApplicationError(_("The work plan of %(year)s exists already.") % {"year": year}) from None
    return plan


def task_add(
    *,
    plan: WorkPlan,
    user,
    title: str,
    month: int,
    owner,
    title_zh: str = "",
    department=None,
    clause_ref: str = "",
    description: str = "",
) -> Task:
    require(user, "responsibilities.manage_plan")
    title = require_text(title, _("Give the task a title."))[:200]
    if not 1 <= int(month) <= 12:
        raise ApplicationError(_("Month must be between 1 and 12."))
    if owner is None or not owner.is_active:
        raise ApplicationError(_("Choose an active person as the owner."))
    with transaction.atomic():
        locked = WorkPlan.objects.select_for_update().get(pk=plan.pk)
        if not locked.is_draft:
            raise ApplicationError(_("Tasks are added while the plan is a draft; ask management to return it."))
        task = Task.objects.create(
            plan=locked, month=month, due_date=month_end(locked.year, int(month)), title=title,
            title_zh=(title_zh or "").strip()[:200], owner=owner, department=department,
            clause_ref=(clause_ref or "").strip()[:20], description=(description or "").strip(),
        )  # fmt: skip
        TASK_FLOW.start(task, "add", user=user)
    return task


def task_remove(*, task: Task, user) -> None:
    require(user, "responsibilities.manage_plan")
    with transaction.atomic():
        plan = WorkPlan.objects.select_for_update().get(pk=task.plan_id)
        if not plan.is_draft:
            raise ApplicationError(_("Tasks are removed while the plan is a draft; cancel it instead."))
        timeline_record(subject=plan, actor=user, action=gettext_noop("task removed"), comment=str(task))
        task.delete()


def workplan_submit(*, workplan: WorkPlan, user, comment: str = "") -> WorkPlan:
    def check(p):
        if not p.tasks.exists():
            raise ApplicationError(_("Add at least one task before submitting the plan."))

    return approval.submit(
        WORKPLAN_FLOW, workplan, user=user, comment=comment, check=check,
        waiting_text=gettext_lazy("work plan waiting for your approval"),
    )  # fmt: skip


def workplan_approve(*, workplan: WorkPlan, user, comment: str = "") -> WorkPlan:
    """Management approves; every task owner hears what is theirs (one message each)."""

    def tell_owners(p):
        owners = {t.owner for t in p.tasks.select_related("owner")}
        notify_bulk(
            Message(
                recipient=owner,
                key=f"workplan:{p.pk}:owner",
                subject=subject(p.number, gettext_lazy("approved: you own tasks in it")),
                url=p.get_absolute_url() + f"?owner={owner.pk}",
            )
            for owner in owners
        )

    return approval.approve(
        WORKPLAN_FLOW, workplan, user=user, comment=comment, approved_text=gettext_lazy("work plan approved"),
        also=tell_owners,
    )  # fmt: skip


def workplan_return(*, workplan: WorkPlan, user, comment: str) -> WorkPlan:
    return approval.return_(
        WORKPLAN_FLOW, workplan, user=user, comment=comment,
        returned_text=gettext_lazy("work plan returned for changes"),
    )  # fmt: skip


def task_start(*, task: Task, user) -> Task:
    TASK_FLOW.apply(task, "start", user=user)
    return task


def task_done(*, task: Task, user, outcome: str = "") -> Task:
    outcome = (outcome or "").strip()

    def apply(t):
        t.outcome = outcome

    TASK_FLOW.apply(task, "done", user=user, comment=outcome, apply=apply)
    return task


def task_cancel(*, task: Task, user, comment: str) -> Task:
    """Cancelled with a reason (R2.2.2 progress stays honest); the owner is told."""
    comment = require_text(comment, _("Say why the task is cancelled."))

    def apply(t):
        t.cancel_reason = comment

    TASK_FLOW.apply(
        task, "cancel", user=user, comment=comment, apply=apply,
        on_commit=lambda t: send(
            recipients=[t.owner], key=f"task:{t.pk}:cancelled:{timezone.now():%Y%m%d%H%M%S%f}",
            subject=subject(t.number, gettext_lazy("task cancelled")), body=comment, url=t.get_absolute_url(),
        ),
    )  # fmt: skip
    return task


def task_reopen(*, task: Task, user, comment: str) -> Task:
    comment = require_text(comment, _("Say why the task is reopened."))

    def apply(t):
        t.done_at = None
        t.done_by = None
        t.cancel_reason = ""

    TASK_FLOW.apply(task, "reopen", user=user, comment=comment, apply=apply)
    return task


def task_reminders(*, today: datetime.date) -> list[Message]:
    """Messages for the owners of open tasks of approved plans: due within a week, then overdue (each
    once per due date). One query finds them all."""
    due = Task.objects.filter(
        status__in=Task.OPEN_STATUSES,
        plan__status=WorkPlan.Status.APPROVED,
        due_date__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("owner")
    messages = []
    for t in due:
        stamp = t.due_date.isoformat()
        overdue = t.due_date < today
        messages.append(
            Message(
                recipient=t.owner,
                key=f"task:{t.pk}:{'overdue' if overdue else 'due-soon'}:{stamp}",
                subject=subject(
                    t.number,
                    gettext_lazy("work plan task overdue") if overdue else gettext_lazy("work plan task due soon"),
                ),
                body=format_lazy(gettext_lazy("Due on {due}."), due=stamp),
                url=t.get_absolute_url(),
            )
        )
    return messages
