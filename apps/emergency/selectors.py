"""Read operations of emergency management; everyone may see plans, the team and drills."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Max, Min, Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.documents.models import DocumentVersion

from .models import ContingencyPlan, Drill, DrillParticipant, PlanStep, TeamMember


def plan_list(*, include_inactive: bool = False):
    """Plans with their current approved version, last completed and next planned drill."""
    qs = ContingencyPlan.objects.annotate(
        last_drilled_at=Max("drills__started_at", filter=Q(drills__status=Drill.Status.DONE)),
        next_drill_at=Min(
            "drills__planned_at",
            filter=Q(drills__status=Drill.Status.PLANNED, drills__planned_at__gte=timezone.now()),
        ),
    ).select_related("document__current_version")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs


def plan_is_overdue_for_drill(plan, *, today: datetime.date | None = None) -> bool:
    """True when the plan has not been drilled within its interval (needs ``last_drilled_at``)."""
    today = today or timezone.localdate()
    last = getattr(plan, "last_drilled_at", None)
    if last is None:
        return True
    return timezone.localtime(last).date() < today - relativedelta(months=plan.drill_interval_months)


def plans_with_drill_flags(*, today: datetime.date | None = None) -> list:
    plans = list(plan_list())
    for plan in plans:
        plan.current_version = plan_current_version(plan)
        plan.drill_overdue = plan_is_overdue_for_drill(plan, today=today)
    return plans


def undrilled_plans(*, today: datetime.date | None = None) -> list:
    return [p for p in plans_with_drill_flags(today=today) if p.drill_overdue]


def plan_current_version(plan):
    """The plan's version in force (its controlled document's), or None."""
    return plan.document.current_version if plan.document_id else None


def plan_versions(plan):
    """Every version of the plan, newest first, with who approved it."""
    if not plan.document_id:
        return DocumentVersion.objects.none()
    return plan.document.versions.select_related("approved_by", "prepared_by").order_by("-number", "-id")


def version_detail_qs():
    """Versions of contingency plans, with their plan and steps."""
    return (
        DocumentVersion.objects.filter(document__category="plan", document__contingency_plan__isnull=False)
        .select_related("document__contingency_plan", "approved_by", "prepared_by")
        .prefetch_related(Prefetch("plan_steps", queryset=PlanStep.objects.order_by("order", "id")))
    )


def team_list():
    return TeamMember.objects.select_related("person__department", "deputy", "site").order_by(
        "team_role", "person__full_name", "id"
    )


def drill_list(*, year: int | None = None, status: str | None = None):
    qs = Drill.objects.select_related("plan", "site").annotate(
        participant_count=Count("attendance", distinct=True),
        attended_count=Count("attendance", filter=Q(attendance__attended=True), distinct=True),
        problem_count=Count("problems", distinct=True),
    )
    if year:
        qs = qs.filter(planned_at__year=year)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("planned_at", "id")


def drill_detail_qs():
    return Drill.objects.select_related("plan", "plan_version", "site", "organiser", "recorded_by").prefetch_related(
        Prefetch("attendance", queryset=DrillParticipant.objects.select_related("person__department")),
        "problems__area",
    )


def drill_calendar(*, year: int) -> list[tuple[datetime.date, list]]:
    """Twelve (first day of month, drills) pairs for the year calendar."""
    months = {m: [] for m in range(1, 13)}
    for drill in drill_list(year=year):
        months[timezone.localtime(drill.planned_at).month].append(drill)
    return [(datetime.date(year, m, 1), months[m]) for m in range(1, 13)]


def upcoming_drills_for(*, user, limit: int = 5):
    """Planned drills the person takes part in, soonest first."""
    return (
        Drill.objects.filter(status=Drill.Status.PLANNED, planned_at__gte=timezone.now(), attendance__person=user)
        .select_related("plan", "site")
        .order_by("planned_at", "id")[:limit]
    )


def upcoming_drills(*, limit: int = 5):
    return (
        Drill.objects.filter(status=Drill.Status.PLANNED, planned_at__gte=timezone.now())
        .select_related("plan", "site")
        .order_by("planned_at", "id")[:limit]
    )


# Emergency supplies (R5.1.4) live in the equipment register of the inspections module; these are the
# register's kinds that count as emergency supplies, linked by its ``?kind=`` filter.
SUPPLY_KINDS = [
    ("extinguisher", _("Fire extinguishers")),
    ("first_aid_kit", _("First-aid kits")),
    ("emergency_light", _("Emergency lighting")),
    ("aed", _("Defibrillators (AED)")),
]


def supply_links() -> list[tuple[str, str]]:
    """(label, URL) of the equipment register filtered to each supply kind; empty without the register.

    This is the seam to the inspections module: a link, not a second register.
    """
    try:
        base = reverse("equipment:equipment_list")
    except NoReverseMatch:
        return []
    return [(label, f"{base}?kind={kind}") for kind, label in SUPPLY_KINDS]


def drills_for_calendar(*, person, since):
    """Planned drills the person takes part in, from ``since`` on (for the personal iCalendar feed)."""
    return (
        Drill.objects.filter(participants=person, planned_at__gte=since, status=Drill.Status.PLANNED)
        .select_related("plan", "site")
        .distinct()
        .order_by("planned_at", "id")
    )
