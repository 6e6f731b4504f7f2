"""Every change in the responsibilities module happens here (R2), one module per subject:
``objectives``, ``budget``, ``plan``, ``meetings``, ``statements``. The moves are declared once in
``workflow.py``; the services named ``<model>_<move>`` make them with ``FLOW.apply`` and add their
validation and notifications. This package re-exports them all (the workflow engine looks services up
here by name)."""

import datetime

from django.utils import timezone

from apps.notifications.services import notify_bulk

from .budget import (
    budget_approve,
    budget_create,
    budget_line_add,
    budget_line_remove,
    budget_return,
    budget_submit,
    line_spent,
    spending_override,
    spending_record,
    spending_reject,
)
from .meetings import (
    action_cancel,
    action_done,
    action_reminders,
    action_reopen,
    agenda_item_add,
    decision_add,
    invitation_record_attendance,
    meeting_cancel,
    meeting_create,
    meeting_hold,
    meeting_invite,
    meeting_schedule,
    meeting_update,
)
from .objectives import (
    objective_approve,
    objective_create,
    objective_figure_add,
    objective_return,
    objective_submit,
    objective_update,
)
from .plan import (
    task_add,
    task_cancel,
    task_done,
    task_reminders,
    task_remove,
    task_reopen,
    task_start,
    workplan_approve,
    workplan_create,
    workplan_return,
    workplan_submit,
)
from .statements import (
    on_hire,
    on_post_change,
    render_text,
    statement_countersign,
    statement_issue_for,
    statement_refresh,
    statement_reminders,
    statement_sign,
    statement_template_save,
    statement_templates_ensure,
    statement_withdraw,
    statements_issue,
)


def responsibilities_reminders_send(*, today: datetime.date | None = None) -> int:
    """Work plan tasks and action items due soon or overdue (chairs hear of overdue action items),
    unsigned statements and statements waiting for countersignature — derived from the database, each
    message once per key. A fixed number of queries to find who is due, however many rows; the messages
    are inserted in bulk. Safe to run as often as you like."""
    today = today or timezone.localdate()
    messages = [*task_reminders(today=today), *action_reminders(today=today), *statement_reminders(today=today)]
    return notify_bulk(messages)


__all__ = [
    "action_cancel", "action_done", "action_reopen", "agenda_item_add", "budget_approve", "budget_create",
    "budget_line_add", "budget_line_remove", "budget_return", "budget_submit", "decision_add",
    "invitation_record_attendance", "line_spent", "meeting_cancel", "meeting_create", "meeting_hold",
    "meeting_invite", "meeting_schedule", "meeting_update", "objective_approve", "objective_create",
    "objective_figure_add", "objective_return", "objective_submit", "objective_update", "on_hire",
    "on_post_change", "render_text", "responsibilities_reminders_send", "spending_override", "spending_record",
    "spending_reject", "statement_countersign", "statement_issue_for", "statement_refresh", "statement_sign",
    "statement_template_save", "statement_templates_ensure", "statement_withdraw", "statements_issue", "task_add",
    "task_cancel", "task_done", "task_remove", "task_reopen", "task_start", "workplan_approve", "workplan_create",
    "workplan_return", "workplan_submit",
]  # fmt: skip
