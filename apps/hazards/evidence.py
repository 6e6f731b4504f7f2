"""Evidence of the hazard closed loop (R7.3) for the regulation map; registered in ``HazardsConfig.ready``."""

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.regulation.evidence import EvidenceProvider, Record, finding_for, period_start, start_of

from .models import Hazard

S = Hazard.Status
# clause -> (date field, extra filter, what the records are)
STEPS = {
    "R7.3.1": ("created_at", Q(), _("reported")),
    "R2.4.2": ("created_at", Q(), _("reported")),
    "R7.3.2": ("assessed_at", ~Q(status=S.REJECTED), _("assessed")),
    "R7.3.3": ("planned_at", Q(), _("rectification planned")),
    "R7.3.4": ("closed_at", Q(status=S.CLOSED), _("verified and closed")),
    "R7.3": ("closed_at", Q(status=S.CLOSED), _("verified and closed")),
}
LOOP_CLAUSES = {"R7.3", "R7.3.4"}


def summarise(*, today):
    since = period_start(today)
    aggregates = {}
    for field in {f for f, _q, _w in STEPS.values()}:
        aggregates[f"last_{field}"] = Max(field)
        aggregates[f"n_{field}"] = Count("id", filter=Q(**{f"{field}__gte": start_of(since)}))
    aggregates["overdue"] = Count("id", filter=Q(deadline__lt=today) & ~Q(status__in=[S.CLOSED, S.REJECTED]))
    row = Hazard.objects.aggregate(**aggregates)
    findings = {}
    for ref, (field, _q, _what) in STEPS.items():
        overdue = row["overdue"] if ref in LOOP_CLAUSES else 0
        note = _("%(n)d hazards past their deadline") % {"n": overdue} if overdue else ""
        findings[ref] = finding_for(
            last=row[f"last_{field}"], count=row[f"n_{field}"], today=today, partial=bool(overdue), note=note
        )
    return findings


def records(*, ref, today, limit):
    field, extra, what = STEPS[ref]
    since = period_start(today)
    rows = (
        Hazard.objects.filter(extra, **{f"{field}__date__gte": since})
        .order_by(f"-{field}", "-id")
        .values("pk", "number", "title", field)[:limit]
    )
    return [
        Record(
            label=f"{r['number']} {r['title']}",
            url=reverse("hazards:hazard_detail", args=[r["pk"]]),
            when=r[field],
            detail=what,
        )
        for r in rows
    ]


PROVIDER = EvidenceProvider(
    key="hazards", label=_("Hazard loop records"), summarise=summarise, records=records, order=70
)
