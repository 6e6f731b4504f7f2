"""The safety budget (R2.1.2): line items requested by the safety officers, approved by management
(never by whoever prepared or submitted it), spending recorded against approved lines.

Spending that would take a line past its approved amount is refused; the recorder may instead ask
management, and the entry then waits, not counted as spent, until a manager other than the recorder
approves it over budget (a recorded move with a reason) or refuses it. Spending may fund a record of
another module — a major hazard's "funds" (五定) — through a generic link, so the hazard page and the
budget page both show it without hazards importing this app."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.permissions import require
from apps.core.selectors import view_permission_for
from apps.core.services import timeline_record

from ..models import Budget, BudgetLine, Spending
from ..workflow import BUDGET_FLOW, SPENDING_FLOW
from . import approval
from .common import attach, management, require_text, send, subject

ATTACHMENT_ROLE = "invoice"


def budget_create(*, user, year: int, note: str = "") -> Budget:
    require(user, "responsibilities.manage_budget")
    try:
        with transaction.atomic():
            budget = Budget.objects.create(year=year, note=(note or "").strip(), created_by=user)
            BUDGET_FLOW.start(budget, "create", user=user)
    except IntegrityError:
        raise ApplicationError(_("The safety budget of %(year)s exists already.") % {"year": year}) from None
    return budget


def _draft_budget(budget, user) -> Budget:
    require(user, "responsibilities.manage_budget")
    locked = Budget.objects.select_for_update().get(pk=budget.pk)
    if not locked.is_draft:
        raise ApplicationError(_("Lines change only while the budget is a draft; ask management to return it."))
    return locked


def budget_line_add(*, budget: Budget, user, category: str, description: str, amount_requested) -> BudgetLine:
    if category not in BudgetLine.Category.values:
        raise ApplicationError(_("Choose a category."))
    description = require_text(description, _("Describe the line."))[:300]
    if amount_requested is None or Decimal(amount_requested) <= 0:
        raise ApplicationError(_("Request an amount above zero."))
    with transaction.atomic():
        locked = _draft_budget(budget, user)
        line = BudgetLine.objects.create(
            budget=locked, category=category, description=description, amount_requested=amount_requested
        )
        timeline_record(
            subject=locked, actor=user, action=gettext_noop("line added"), comment=f"{description}: {amount_requested}"
        )
    return line


def budget_line_remove(*, line: BudgetLine, user) -> None:
    with transaction.atomic():
        locked = _draft_budget(line.budget, user)
        if line.spendings.exists():
            raise ApplicationError(_("This line has spending recorded against it."))
        timeline_record(subject=locked, actor=user, action=gettext_noop("line removed"), comment=str(line))
        line.delete()


def budget_submit(*, budget: Budget, user, comment: str = "") -> Budget:
    def check(b):
        if not b.lines.exists():
            raise ApplicationError(_("Add at least one line before submitting the budget."))

    return approval.submit(
        BUDGET_FLOW, budget, user=user, comment=comment, check=check,
        waiting_text=gettext_lazy("budget waiting for your approval"),
    )  # fmt: skip


def budget_approve(*, budget: Budget, user, comment: str = "") -> Budget:
    """Management approves the lines as requested: each line's approved amount is its request."""

    def approve_lines(b):
        for line in b.lines.select_for_update():
            line.amount_approved = line.amount_requested
            line.save(update_fields=["amount_approved", "updated_at"])

    return approval.approve(
        BUDGET_FLOW, budget, user=user, comment=comment, apply=approve_lines,
        approved_text=gettext_lazy("budget approved"),
    )  # fmt: skip


def budget_return(*, budget: Budget, user, comment: str) -> Budget:
    return approval.return_(
        BUDGET_FLOW, budget, user=user, comment=comment, returned_text=gettext_lazy("budget returned for changes")
    )


def line_spent(line: BudgetLine) -> Decimal:
    """What counts as spent on a line: recorded spending (not what waits for an override)."""
    total = line.spendings.filter(status=Spending.Status.RECORDED).aggregate(s=Sum("amount"))["s"]
    return total or Decimal(0)


def spending_record(
    *,
    line: BudgetLine,
    user,
    date: datetime.date,
    amount,
    description: str,
    attachment=None,
    request_override: bool = False,
    source=None,
) -> Spending:
    """Record spending against an approved line. Past the approved amount it is refused, unless
    ``request_override``: then it waits for management, not counted as spent. ``source`` is the record
    it funds (a hazard), which the user must be allowed to see."""
    require(user, "responsibilities.record_spending")
    description = require_text(description, _("Say what the money was spent on."))[:300]
    amount = Decimal(amount)
    if amount <= 0:
        raise ApplicationError(_("The amount must be above zero."))
    if source is not None and not user.has_perm(view_permission_for(source), source):
        raise NotAllowed(_("You cannot see the record this spending is for."))
    with transaction.atomic():
        # One writer per line at a time, so two entries cannot together pass the approved amount.
        locked = BudgetLine.objects.select_for_update().select_related("budget").get(pk=line.pk)
        if not locked.budget.is_approved or locked.amount_approved is None:
            raise ApplicationError(_("Spending is recorded only against an approved budget."))
        if date.year != locked.budget.year:
            raise ApplicationError(_("The date must be in %(year)s.") % {"year": locked.budget.year})
        spent = line_spent(locked)
        over = spent + amount > locked.amount_approved
        if over and not request_override:
            raise ApplicationError(
                _(
                    "This would take “%(line)s” to %(total)s CNY, past the %(approved)s CNY approved. "
                    "It is not recorded; tick “ask management” to have it approved over budget."
                )
                % {"line": locked.description, "total": spent + amount, "approved": locked.amount_approved}
            )
        spending = Spending(
            line=locked,
            date=date,
            amount=amount,
            description=description,
            recorded_by=user,
            status=Spending.Status.AWAITING_OVERRIDE if over else Spending.Status.RECORDED,
        )
        if source is not None:
            spending.source_type = ContentType.objects.get_for_model(source)
            spending.source_id = source.pk
        spending.save()
        attach(spending, attachment, user, ATTACHMENT_ROLE)
        if over:
            SPENDING_FLOW.start(spending, "request_override", user=user, on_commit=_ask_for_override)
        else:
            SPENDING_FLOW.start(spending, "record", user=user)
    return spending


def _ask_for_override(s):
    send(
        recipients=[m for m in management() if m.pk != s.recorded_by_id],
        key=f"spending:{s.pk}:override-requested",
        subject=subject(s.line.budget.number, gettext_lazy("spending past the approved amount waits for you")),
        body=format_lazy("{line}: {amount} CNY — {text}", line=s.line.description, amount=s.amount, text=s.description),
        url=s.get_absolute_url(),
    )


def _tell_recorder(s, text):
    send(
        recipients=[s.recorded_by],
        key=f"spending:{s.pk}:decided",
        subject=subject(s.line.budget.number, text),
        body=s.decision_reason,
        url=s.get_absolute_url(),
    )


def _decide(spending, move, *, user, comment, missing_reason, told):
    comment = require_text(comment, missing_reason)

    def apply(s):
        s.decision_reason = comment

    SPENDING_FLOW.apply(
        spending, move, user=user, comment=comment, apply=apply, on_commit=lambda s: _tell_recorder(s, told)
    )
    return spending


def spending_override(*, spending: Spending, user, comment: str) -> Spending:
    """Management approves spending past the approved amount, with a reason (not the recorder)."""
    return _decide(
        spending, "override", user=user, comment=comment,
        missing_reason=_("Give a reason for spending past the approved amount."),
        told=gettext_lazy("spending approved over budget"),
    )  # fmt: skip


def spending_reject(*, spending: Spending, user, comment: str) -> Spending:
    return _decide(
        spending, "reject", user=user, comment=comment, missing_reason=_("Say why the spending is refused."),
        told=gettext_lazy("spending past the approved amount refused"),
    )  # fmt: skip
