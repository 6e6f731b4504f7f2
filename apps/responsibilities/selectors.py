"""Reading the responsibilities module: every query here is scoped to what the user may see, and the
pages' lists cost a fixed number of queries whatever their length."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, DecimalField, Exists, OuterRef, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from apps.core.metrics import COUNT, get_metric, metric_series_many
from apps.core.permissions import department_scope, is_company_wide, is_management
from apps.organization.models import Department

from .models import (
    Action,
    AgendaItem,
    ApprovalStatus,
    BudgetLine,
    Decision,
    Invitation,
    Meeting,
    Objective,
    ObjectiveFigure,
    Spending,
    Statement,
    Task,
)

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=12, decimal_places=2))


# ---------------------------------------------------------------------------------------------- objectives


def objective_list(*, user, year: int | None = None):
    """Objectives (of ``year``): approved ones for everyone; drafts and submitted ones for those who
    prepare and approve them (officers, management), their owner and the head of the department."""
    qs = Objective.objects.select_related("department", "owner", "parent")
    if year is not None:
        qs = qs.filter(year=year)
    scope = department_scope(user)
    if scope is not None:
        qs = qs.filter(Q(status=ApprovalStatus.APPROVED) | Q(department_id__in=scope) | Q(owner=user))
    return qs


@dataclasses.dataclass
class Progress:
    value: Decimal | None
    months: list
    state: str
    records_url: str = ""
    as_of: datetime.date | None = None  # a figure entered by hand: its date

    @property
    def state_label(self):
        return Objective.Progress(self.state).label

    @property
    def bars(self):
        """Month bars for the trend: height in % of the largest value."""
        peak = max((v for v in self.months if v is not None), default=0) or 1
        return [{"month": i + 1, "value": v, "height": 0 if v is None else round(100 * v / peak)}
                for i, v in enumerate(self.months)]  # fmt: skip


def _elapsed(year: int, today: datetime.date) -> Decimal:
    """The share of the year gone by (1 once it is over)."""
    if today.year > year:
        return Decimal(1)
    if today.year < year:
        return Decimal(0)
    start = datetime.date(year, 1, 1)
    return Decimal((today - start).days + 1) / Decimal((datetime.date(year + 1, 1, 1) - start).days)


def progress_state(objective: Objective, value: Decimal | None, *, cumulative: bool, today: datetime.date) -> str:
    """On track, at risk or missed.

    A figure that only grows over the year (a count) is projected to the year's end: "at most 10" with
    6 by mid-year is at risk, and passing an "at most" target is missed at once (counts do not come
    down). Any other figure (a rate, a figure entered by hand) is judged as it stands: not met is at
    risk during the year and missed once the year is over."""
    if value is None:
        return Objective.Progress.NO_DATA
    target = objective.target
    over = today.year > objective.year
    at_most = objective.direction == Objective.Direction.AT_MOST
    if cumulative and at_most and value > target:
        return Objective.Progress.MISSED
    met = value <= target if at_most else value >= target
    if over:
        return Objective.Progress.ON_TRACK if met else Objective.Progress.MISSED
    if cumulative:
        elapsed = _elapsed(objective.year, today)
        projected = value / elapsed if elapsed else value
        met = projected <= target if at_most else projected >= target
    return Objective.Progress.ON_TRACK if met else Objective.Progress.AT_RISK


def objectives_progress(objectives, *, year: int, today: datetime.date | None = None) -> dict[int, Progress]:
    """Progress of each objective: live ones from the metrics registry (one query per distinct
    metric), hand-entered ones from their latest figure (one query for all)."""
    today = today or timezone.localdate()
    objectives = list(objectives)
    series = metric_series_many({(o.metric, o.department_id) for o in objectives if o.metric}, year=year, today=today)
    manual_ids = [o.pk for o in objectives if not o.metric]
    figures: dict[int, list] = {}
    if manual_ids:
        for f in ObjectiveFigure.objects.filter(objective_id__in=manual_ids).order_by("date", "id"):
            figures.setdefault(f.objective_id, []).append(f)
    result = {}
    for o in objectives:
        if o.metric:
            s = series.get((o.metric, o.department_id))
            metric = get_metric(o.metric)
            if s is None:
                result[o.pk] = Progress(None, [None] * 12, Objective.Progress.NO_DATA)
                continue
            state = progress_state(o, s.value, cumulative=metric.kind == COUNT, today=today)
            result[o.pk] = Progress(s.value, s.months, state, s.records_url)
        else:
            rows = figures.get(o.pk, [])
            months = [None] * 12
            for f in rows:
                months[f.date.month - 1] = f.value  # the last figure of each month
            latest = rows[-1] if rows else None
            value = latest.value if latest else None
            state = progress_state(o, value, cumulative=False, today=today)
            result[o.pk] = Progress(value, months, state, as_of=latest.date if latest else None)
    return result


# ---------------------------------------------------------------------------------------------- budget


def budget_lines(budget):
    """The budget's lines with what is spent (recorded) and what waits for an override: one query."""
    return (
        BudgetLine.objects.filter(budget=budget)
        .annotate(
            spent=Coalesce(Sum("spendings__amount", filter=Q(spendings__status=Spending.Status.RECORDED)), ZERO),
            pending=Coalesce(
                Sum("spendings__amount", filter=Q(spendings__status=Spending.Status.AWAITING_OVERRIDE)), ZERO
            ),
        )
        .order_by("category", "id")
    )


def line_usage(line) -> dict:
    """Spent against approved (or requested, before approval) as a percentage, and the warning level."""
    base = line.amount_approved if line.amount_approved is not None else line.amount_requested
    percent = round(100 * line.spent / base) if base else 0
    level = "danger" if percent >= 100 else "warning" if percent >= BudgetLine.WARN_PERCENT else "success"
    return {"percent": percent, "level": level, "base": base, "left": base - line.spent}


def spending_list(*, budget=None, source=None):
    qs = Spending.objects.select_related("line__budget", "recorded_by", "decided_by", "source_type")
    if budget is not None:
        qs = qs.filter(line__budget=budget)
    if source is not None:
        qs = qs.filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk)
    return qs.order_by("-date", "-id")


def with_sources(spendings) -> list:
    """Spending rows with their linked records loaded: one query per kind of record, not per row."""
    rows = list(spendings)
    by_type: dict[int, list] = {}
    for s in rows:
        if s.source_type_id:
            by_type.setdefault(s.source_type_id, []).append(s)
    for type_id, items in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        found = model._default_manager.in_bulk({s.source_id for s in items}) if model else {}
        for s in items:
            record = found.get(s.source_id)
            s.source_label = getattr(record, "number", None) or (str(record) if record else "")
            s.source_url = record.get_absolute_url() if record is not None else ""
    for s in rows:
        if not s.source_type_id:
            s.source_label, s.source_url = "", ""
    return rows


# ---------------------------------------------------------------------------------------------- work plan


def plan_tasks(plan, *, filters=None):
    qs = Task.objects.filter(plan=plan).select_related("owner", "department")
    filters = filters or {}
    if filters.get("month"):
        qs = qs.filter(month=filters["month"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("owner"):
        qs = qs.filter(owner_id=filters["owner"])
    return qs.order_by("month", "due_date", "id")


def _progress_counts():
    S = Task.Status
    today = timezone.localdate()
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=Q(status=S.DONE)),
        "in_progress": Count("pk", filter=Q(status=S.IN_PROGRESS)),
        "cancelled": Count("pk", filter=Q(status=S.CANCELLED)),
        "overdue": Count("pk", filter=Q(status__in=Task.OPEN_STATUSES, due_date__lt=today)),
    }


def plan_progress_by_month(plan) -> list[dict]:
    """Per month: tasks, done, in progress, cancelled, overdue — one query."""
    rows = {
        r["month"]: r for r in Task.objects.filter(plan=plan).values("month").annotate(**_progress_counts()).order_by()
    }
    result = []
    for m in range(1, 13):
        row = rows.get(m, {"total": 0, "done": 0, "in_progress": 0, "cancelled": 0, "overdue": 0})
        counted = row["total"] - row["cancelled"]
        result.append({"month": m, **row, "percent": round(100 * row["done"] / counted) if counted else None})
    return result


def plan_progress_by_owner(plan, limit: int = 30) -> list[dict]:
    """Per owner (most open first): the same counts — one query, at most ``limit`` rows."""
    rows = (
        Task.objects.filter(plan=plan)
        .values("owner_id", "owner__full_name", "owner__username")
        .annotate(**_progress_counts())
        .order_by("-overdue", "-total", "owner__full_name", "owner_id")[:limit]
    )
    return [
        {**r, "name": r["owner__full_name"] or r["owner__username"],
         "percent": round(100 * r["done"] / (r["total"] - r["cancelled"])) if r["total"] - r["cancelled"] else None}
        for r in rows
    ]  # fmt: skip


# ---------------------------------------------------------------------------------------------- meetings


def meeting_list(*, user):
    """Meetings the user may see: all for officers and management; otherwise those they chair,
    organise, are invited to or own an action of, and their departments' meetings."""
    qs = Meeting.objects.select_related("chair", "department", "area__floor__site")
    if is_company_wide(user):
        return qs
    invited = Invitation.objects.filter(meeting=OuterRef("pk"), person=user)
    owns = Action.objects.filter(meeting=OuterRef("pk"), owner=user)
    return qs.filter(
        Q(chair=user)
        | Q(organiser=user)
        | Q(department_id__in=department_scope(user) or [])
        | Exists(invited)
        | Exists(owns)
    )


def meeting_page_data(meeting) -> dict:
    """Invitations, agenda, decisions with their action items: four queries whatever their number."""
    invitations = list(
        Invitation.objects.filter(meeting=meeting)
        .select_related("person__department", "delegate")
        .order_by("person__full_name", "id")
    )
    agenda = list(AgendaItem.objects.filter(meeting=meeting).select_related("presenter"))
    decisions = list(
        Decision.objects.filter(meeting=meeting).prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("owner").order_by("due_date", "id"))
        )
    )
    counts = dict.fromkeys(Invitation.Attendance.values, 0)
    for inv in invitations:
        counts[inv.attendance] += 1
    return {"invitations": invitations, "agenda": agenda, "decisions": decisions, "attendance_counts": counts}


def meetings_for_calendar(*, person, since):
    """Scheduled or held meetings the person is invited to, from ``since`` on (their calendar feed)."""
    return (
        Meeting.objects.filter(
            invitations__person=person,
            status__in=[Meeting.Status.SCHEDULED, Meeting.Status.HELD],
            starts_at__gte=since,
        )
        .select_related("area__floor__site")
        .order_by("starts_at", "id")
    )


def action_list(*, user):
    """Action items the user may see: their own, their meetings' (chair, organiser), all for officers
    and management."""
    qs = Action.objects.select_related("owner", "meeting__chair", "decision")
    if is_company_wide(user):
        return qs
    return qs.filter(Q(owner=user) | Q(meeting__chair=user) | Q(meeting__organiser=user))


def my_open_actions(*, user):
    return (
        Action.objects.filter(owner=user, status=Action.Status.OPEN)
        .select_related("meeting")
        .order_by("due_date", "id")
    )


# ---------------------------------------------------------------------------------------------- statements


def statement_list(*, user):
    """Statements the user may see: everyone's for officers and management; a head's own and their
    departments'; everybody else's own."""
    qs = Statement.objects.select_related("person", "department__head", "countersigned_by")
    scope = department_scope(user)
    if scope is None:
        return qs
    return qs.filter(Q(person=user) | Q(department_id__in=scope))


def statement_completion(*, user, year: int) -> list[dict]:
    """Per department the user may see: statements issued, signed, countersigned — one query."""
    S = Statement.Status
    qs = Statement.objects.filter(year=year).exclude(status=S.WITHDRAWN)
    scope = department_scope(user)
    if scope is not None:
        qs = qs.filter(department_id__in=scope)
    # Grouped by the department id alone, names read after (two queries): grouping by the joined name made
    # PostgreSQL sort all 50 k statements (on disk) where hashing by id keeps a few hundred groups (120 → 50 ms).
    rows = list(
        qs.order_by()
        .values("department_id")
        .annotate(
            total=Count("pk"),
            signed=Count("pk", filter=Q(status__in=[S.SIGNED, S.COUNTERSIGNED])),
            countersigned=Count("pk", filter=Q(status=S.COUNTERSIGNED)),
        )
    )
    names = {
        d["pk"]: d
        for d in Department.objects.filter(pk__in=[r["department_id"] for r in rows if r["department_id"]]).values(
            "pk", "name", "name_zh"
        )
    }
    for r in rows:
        d = names.get(r["department_id"], {})
        r["department__name"], r["department__name_zh"] = d.get("name"), d.get("name_zh")
    # By name, then id; no department last (as PostgreSQL sorts NULL).
    rows.sort(key=lambda r: (r["department__name"] is None, r["department__name"] or "", r["department_id"] or 0))
    zh = (get_language() or "").startswith("zh")
    return [
        {**r, "name": (r["department__name_zh"] if zh and r["department__name_zh"] else r["department__name"]) or "—",
         "percent": round(100 * r["signed"] / r["total"]) if r["total"] else 0,
         "unsigned": r["total"] - r["signed"]}
        for r in rows
    ]  # fmt: skip


def statements_to_countersign(*, user, year: int | None = None):
    """Signed statements waiting for this user's countersignature."""
    qs = Statement.objects.filter(status=Statement.Status.SIGNED).exclude(person=user).select_related("person")
    if year is not None:
        qs = qs.filter(year=year)
    conditions = Q(level=Statement.Level.EMPLOYEE, department_id__in=list(user.headed_department_ids))
    if is_management(user):
        conditions |= Q(level=Statement.Level.HEAD) | Q(level=Statement.Level.EMPLOYEE, department__head__isnull=True)
    return qs.filter(conditions).order_by("signed_at", "id")
