"""Evidence of incident reporting and handling (R5.2) for the regulation map; registered in ``ready()``.

No incident in the period is not a failure to report one: such a clause is green with a note saying so.
What turns it amber is work left undone — an external report overdue, a corrective action past due.
"""

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.regulation.evidence import GREEN, EvidenceProvider, Finding, Record, finding_for, period_start

from .models import CorrectiveAction, Incident

CLAUSES = {
    "R5.2": ("occurred_at", _("reported")),
    "R5.2.1": ("occurred_at", _("reported")),
    "R5.2.2": ("plan_activated_at", _("contingency plan activated")),
    "R5.2.3": ("external_reported_at", _("reported to the authority")),
    "R5.2.4": ("closed_at", _("investigated and closed")),
    "R2.2.5": ("closed_at", _("investigated and closed")),
}


def summarise(*, today):
    since = period_start(today)
    now = timezone.now()
    aggregates = {"n_reported": Count("id", filter=Q(occurred_at__date__gte=since))}
    for field in {f for f, _w in CLAUSES.values()}:
        aggregates[f"last_{field}"] = Max(field)
        aggregates[f"n_{field}"] = Count("id", filter=Q(**{f"{field}__date__gte": since}))
    aggregates["external_overdue"] = Count(
        "id", filter=Q(external_required=True, external_reported_at__isnull=True, external_due_at__lt=now)
    )
    row = Incident.objects.aggregate(**aggregates)
    actions_overdue = CorrectiveAction.objects.filter(status=CorrectiveAction.Status.OPEN, due_date__lt=today).count()
    findings = {}
    for ref, (field, _what) in CLAUSES.items():
        overdue = row["external_overdue"] if ref == "R5.2.3" else actions_overdue if ref == "R5.2.4" else 0
        if not row["n_reported"] and not overdue:
            findings[ref] = Finding(GREEN, 0, row[f"last_{field}"], _("No incident in the period"))
            continue
        note = _("%(n)d overdue") % {"n": overdue} if overdue else ""
        findings[ref] = finding_for(
            last=row[f"last_{field}"], count=row[f"n_{field}"], today=today, partial=bool(overdue), note=note
        )
    return findings


def records(*, ref, today, limit):
    field, what = CLAUSES[ref]
    rows = (
        Incident.objects.filter(**{f"{field}__date__gte": period_start(today)})
        .order_by(f"-{field}", "-id")
        .values("pk", "number", "type", field)[:limit]
    )
    types = dict(Incident.Type.choices)
    return [
        Record(
            label=f"{r['number']} · {types.get(r['type'], r['type'])}",
            url=reverse("incidents:incident_detail", args=[r["pk"]]),
            when=r[field],
            detail=what,
        )
        for r in rows
    ]


PROVIDER = EvidenceProvider(
    key="incidents", label=_("Incident reports"), summarise=summarise, records=records, order=80
)
