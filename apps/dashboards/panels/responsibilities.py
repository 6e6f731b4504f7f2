"""Home panels for responsibilities (R2): my action items and statement to sign (everyone), who has
not signed in my department (heads), approvals waiting and statement completion (management)."""

from django.db.models import Q
from django.utils import timezone

from apps.core.permissions import is_management
from apps.responsibilities import selectors
from apps.responsibilities.models import ApprovalStatus, Budget, Objective, Spending, Statement, WorkPlan

from . import Panel, register

SHOWN = 5


def my_actions(request):
    user = request.user
    qs = selectors.my_open_actions(user=user)
    items = list(qs[:SHOWN])
    if not items:
        return None
    count = len(items) if len(items) < SHOWN else qs.count()
    return {"items": items, "count": count, "overdue": sum(1 for a in items if a.is_overdue)}


def statements(request):
    user = request.user
    year = timezone.localdate().year
    context = {
        "year": year,
        "to_sign": list(Statement.objects.filter(person=user, status=Statement.Status.ISSUED).order_by("-year")[:2]),
        "to_countersign": selectors.statements_to_countersign(user=user, year=year).count()
        if (user.headed_department_ids or is_management(user))
        else 0,
    }
    if user.has_perm("responsibilities.view_statement_status"):
        rows = selectors.statement_completion(user=user, year=year)
        total = sum(r["total"] for r in rows)
        signed = sum(r["signed"] for r in rows)
        context.update(
            completion=rows[:6] if is_management(user) else [],
            total=total,
            unsigned=total - signed,
            percent=round(100 * signed / total) if total else None,
        )
    if not (context["to_sign"] or context["to_countersign"] or context.get("total")):
        return None
    return context


def approvals(request):
    """Management: objectives, budgets and work plans waiting for approval (not those they prepared or
    submitted), and spending waiting for an over-budget decision (not what they recorded)."""
    user = request.user
    if not is_management(user):
        return None
    mine = Q(created_by=user) | Q(submitted_by=user)
    waiting = []
    for model in (Objective, Budget, WorkPlan):
        waiting += list(
            model.objects.filter(status=ApprovalStatus.SUBMITTED)
            .exclude(mine)
            .select_related("submitted_by")
            .order_by("submitted_at")[:SHOWN]
        )
    overrides = list(
        Spending.objects.filter(status=Spending.Status.AWAITING_OVERRIDE)
        .exclude(recorded_by=user)
        .select_related("line__budget")[:SHOWN]
    )
    if not waiting and not overrides:
        return None
    return {"waiting": waiting[: SHOWN * 2], "overrides": overrides}


register(Panel(key="responsibilities_approvals", template="dashboards/panels/responsibilities_approvals.html",
               build=approvals, order=5))  # fmt: skip
register(Panel(key="responsibilities_actions", template="dashboards/panels/responsibilities_actions.html",
               build=my_actions, order=30))  # fmt: skip
register(Panel(key="responsibilities_statements", template="dashboards/panels/responsibilities_statements.html",
               build=statements, order=31))  # fmt: skip
