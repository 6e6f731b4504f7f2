"""Every status change of the responsibilities module (R2), declared once per model: the states a move
starts from, where it leads, who may make it, its comment policy, its form and who/when it records.

From these tables come the permissions ``responsibilities.<move>_<model>``, the buttons of each page,
the URLs ``responsibilities:<model>_<move>`` and the timeline's wording; the services
(``services/``) make the moves through ``FLOW.apply`` and add only validation and notifications.
"""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from apps.core.permissions import is_officer
from apps.core.workflow import NONE, OPTIONAL, REQUIRED, Move, Workflow

from .forms import ActionDoneForm, CountersignForm, MinutesForm, SignForm, TaskDoneForm
from .models import Action, ApprovalStatus, Budget, Meeting, Objective, Spending, Statement, Task, WorkPlan
from .rules import (
    can_approve,
    can_cancel_task,
    can_close_action,
    can_countersign,
    can_decide_override,
    can_organise_meeting,
    can_prepare_objective,
    can_reopen_action,
    can_work_on_task,
    is_owner,
    is_preparer,
    is_statement_person,
)

A = ApprovalStatus


def _approval_moves(*, can_prepare, created_label):
    """Prepared → submitted → approved by management (R2.1.2); returned to the preparer with a reason.
    The preparer or submitter never approves (``can_approve``)."""
    return [
        Move("create", target=A.DRAFT, label=created_label, verb=_("Create")),
        Move(
            "submit", sources=[A.DRAFT], target=A.SUBMITTED, label=_("Submitted for approval"),
            verb=_("Submit for approval"), allowed=can_prepare, comment=OPTIONAL,
            stamp_by="submitted_by", stamp_at="submitted_at",
        ),
        Move(
            "approve", sources=[A.SUBMITTED], target=A.APPROVED, label=_("Approved"), verb=_("Approve"),
            allowed=can_approve, comment=OPTIONAL, stamp_by="approved_by", stamp_at="approved_at",
            not_by=("created_by", "submitted_by"),
        ),
        Move(
            "return", sources=[A.SUBMITTED], target=A.DRAFT, label=_("Returned for changes"),
            verb=_("Return for changes"), allowed=can_approve, comment=REQUIRED, danger=True,
        ),
    ]  # fmt: skip


OBJECTIVE_FLOW = Workflow(
    Objective, label=attrgetter("number"),
    moves=_approval_moves(can_prepare=can_prepare_objective, created_label=_("Objective drafted")),
)  # fmt: skip

BUDGET_FLOW = Workflow(
    Budget, label=str, moves=_approval_moves(can_prepare=is_preparer, created_label=_("Budget drafted"))
)

WORKPLAN_FLOW = Workflow(
    WorkPlan, label=str, moves=_approval_moves(can_prepare=is_preparer, created_label=_("Work plan drafted"))
)

SP = Spending.Status
SPENDING_FLOW = Workflow(
    Spending,
    label=attrgetter("number"),
    moves=[
        Move("record", target=SP.RECORDED, label=_("Spending recorded"), verb=_("Record spending")),
        Move(
            "request_override", target=SP.AWAITING_OVERRIDE, label=_("Over budget: management asked to approve"),
            verb=_("Ask management"),
        ),
        Move(
            "override", sources=[SP.AWAITING_OVERRIDE], target=SP.RECORDED, label=_("Over-budget spending approved"),
            verb=_("Approve over budget"), allowed=can_decide_override, comment=REQUIRED,
            stamp_by="decided_by", stamp_at="decided_at",
        ),
        Move(
            "reject", sources=[SP.AWAITING_OVERRIDE], target=SP.REJECTED, label=_("Over-budget spending refused"),
            verb=_("Refuse"), allowed=can_decide_override, comment=REQUIRED, danger=True,
            stamp_by="decided_by", stamp_at="decided_at",
        ),
    ],
)  # fmt: skip

T = Task.Status
TASK_FLOW = Workflow(
    Task,
    label=attrgetter("number"),
    lock_related=("plan",),
    moves=[
        Move("add", target=T.PLANNED, label=_("Task planned"), verb=_("Add task")),
        Move(
            "start", sources=[T.PLANNED], target=T.IN_PROGRESS, label=_("Started"), verb=_("Start"),
            allowed=can_work_on_task, comment=NONE,
        ),
        Move(
            "done", sources=[T.PLANNED, T.IN_PROGRESS], target=T.DONE, label=_("Done"), verb=_("Mark done"),
            allowed=can_work_on_task, form=TaskDoneForm, stamp_by="done_by", stamp_at="done_at",
        ),
        Move(
            "cancel", sources=[T.PLANNED, T.IN_PROGRESS], target=T.CANCELLED, label=_("Cancelled"),
            verb=_("Cancel task"), allowed=can_cancel_task, comment=REQUIRED, danger=True,
        ),
        Move(
            "reopen", sources=[T.DONE, T.CANCELLED], target=T.IN_PROGRESS, label=_("Reopened"), verb=_("Reopen"),
            allowed=can_cancel_task, comment=REQUIRED, danger=True,
        ),
    ],
)  # fmt: skip

M = Meeting.Status
MEETING_FLOW = Workflow(
    Meeting,
    label=attrgetter("number"),
    moves=[
        Move("draft", target=M.DRAFT, label=_("Meeting drafted"), verb=_("Draft")),
        Move(
            "schedule", sources=[M.DRAFT], target=M.SCHEDULED, label=_("Scheduled, invitations sent"),
            verb=_("Schedule and invite"), allowed=can_organise_meeting, comment=NONE,
        ),
        Move(
            "hold", sources=[M.SCHEDULED], target=M.HELD, label=_("Minutes recorded"), verb=_("Record the minutes"),
            allowed=can_organise_meeting, form=MinutesForm, stamp_by="minutes_by", stamp_at="minutes_at",
        ),
        Move(
            "cancel", sources=[M.DRAFT, M.SCHEDULED], target=M.CANCELLED, label=_("Cancelled"),
            verb=_("Cancel meeting"), allowed=can_organise_meeting, comment=REQUIRED, danger=True,
        ),
    ],
)  # fmt: skip

AS = Action.Status
ACTION_FLOW = Workflow(
    Action,
    label=attrgetter("number"),
    lock_related=("meeting",),
    moves=[
        Move("assign", target=AS.OPEN, label=_("Action item assigned"), verb=_("Assign")),
        Move(
            "done", sources=[AS.OPEN], target=AS.DONE, label=_("Done"), verb=_("Mark done"), allowed=is_owner,
            form=ActionDoneForm, stamp_by="done_by", stamp_at="done_at",
        ),
        Move(
            "cancel", sources=[AS.OPEN], target=AS.CANCELLED, label=_("Cancelled"), verb=_("Cancel action"),
            allowed=can_close_action, comment=REQUIRED, danger=True,
        ),
        Move(
            "reopen", sources=[AS.DONE], target=AS.OPEN, label=_("Reopened: not done as decided"),
            verb=_("Reopen"), allowed=can_reopen_action, comment=REQUIRED, danger=True,
        ),
    ],
)  # fmt: skip

ST = Statement.Status
STATEMENT_FLOW = Workflow(
    Statement,
    label=attrgetter("number"),
    lock_related=("department", "person"),
    moves=[
        Move("issue", target=ST.ISSUED, label=_("Issued"), verb=_("Issue")),
        Move(
            "sign", sources=[ST.ISSUED], target=ST.SIGNED, label=_("Signed"), verb=_("Sign"),
            allowed=is_statement_person, form=SignForm, stamp_at="signed_at",
        ),
        Move(
            "countersign", sources=[ST.SIGNED], target=ST.COUNTERSIGNED, label=_("Countersigned"),
            verb=_("Countersign"), allowed=can_countersign, form=CountersignForm,
            stamp_by="countersigned_by", stamp_at="countersigned_at",
        ),
        Move(
            "withdraw", sources=[ST.ISSUED], target=ST.WITHDRAWN, label=_("Withdrawn"), verb=_("Withdraw"),
            allowed=is_officer, comment=REQUIRED, danger=True,
        ),
    ],
)  # fmt: skip
