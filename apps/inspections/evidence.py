"""Evidence from inspections for the regulation map; registered in ``InspectionsConfig.ready``.

- every clause a checklist item links (``TemplateItem.regulation_clause``): finished inspections that
  used a checklist citing it;
- R7.1/R7.1.1 the year's inspection plan (approved: green; draft: amber); R7.1.2 and R2.2.4 inspections
  finished, amber while scheduled ones are overdue; R7.2.1–R7.2.6 inspections per clause group;
- R3.1.1 and R5.1.4 equipment checks (amber while checks are overdue), R3.2.3 appliance decisions, R3.4.4
  the visitor log.
"""

from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy as _

from apps.regulation.evidence import (
    AMBER,
    GREEN,
    RED,
    EvidenceProvider,
    Finding,
    Record,
    finding_for,
    period_start,
    start_of,
)

from .models import (
    ApplianceRequest,
    ClauseGroup,
    Equipment,
    EquipmentCheck,
    Inspection,
    InspectionPlan,
    TemplateItem,
    Visit,
)

FINISHED = Inspection.Status.FINISHED
GROUP_CLAUSES = {
    ClauseGroup.RULES: "R7.2.1",
    ClauseGroup.FIRE: "R7.2.2",
    ClauseGroup.ELECTRICAL: "R7.2.3",
    ClauseGroup.NETWORK: "R7.2.4",
    ClauseGroup.PREMISES: "R7.2.5",
    ClauseGroup.INFOSEC: "R7.2.6",
}
CLAUSE_GROUPS = {ref: group for group, ref in GROUP_CLAUSES.items()}
ALL_INSPECTIONS = {"R7.1.2", "R2.2.4"}
EQUIPMENT = {"R3.1.1", "R5.1.4"}


def summarise(*, today):
    since = period_start(today)
    start = start_of(since)
    findings = {}
    cited = (
        TemplateItem.objects.filter(regulation_clause__isnull=False)
        .values("regulation_clause__ref")
        .annotate(
            last=Max("template__inspections__finished_at", filter=Q(template__inspections__status=FINISHED)),
            n=Count(
                "template__inspections",
                distinct=True,
                filter=Q(template__inspections__status=FINISHED, template__inspections__finished_at__gte=start),
            ),
        )
    )
    for row in cited:
        findings[row["regulation_clause__ref"]] = finding_for(last=row["last"], count=row["n"], today=today)
    done = Inspection.objects.filter(status=FINISHED)
    totals = Inspection.objects.aggregate(
        last=Max("finished_at", filter=Q(status=FINISHED)),
        n=Count("pk", filter=Q(status=FINISHED, finished_at__gte=start_of(since))),
        overdue=Count("pk", filter=~Q(status=FINISHED) & Q(due_date__lt=today)),
    )
    note = _("%(n)d inspections overdue") % {"n": totals["overdue"]} if totals["overdue"] else ""
    for ref in ALL_INSPECTIONS:
        findings[ref] = finding_for(
            last=totals["last"], count=totals["n"], today=today, partial=bool(totals["overdue"]), note=note
        )
    by_group = {
        r["template__group"]: r
        for r in done.values("template__group").annotate(
            last=Max("finished_at"), n=Count("pk", filter=Q(finished_at__gte=start_of(since)))
        )
    }
    for group, ref in GROUP_CLAUSES.items():
        row = by_group.get(group, {})
        findings[ref] = finding_for(last=row.get("last"), count=row.get("n", 0), today=today)
    plan = InspectionPlan.objects.filter(year=today.year).annotate(line_count=Count("lines")).first()
    if plan is None:
        plan_finding = Finding(RED, 0, None, _("No inspection plan for this year"))
    elif plan.status == InspectionPlan.Status.APPROVED:
        plan_finding = Finding(GREEN, plan.line_count, plan.approved_at)
    else:
        plan_finding = Finding(AMBER, plan.line_count, None, _("The plan is not approved yet"))
    findings["R7.1"] = findings["R7.1.1"] = plan_finding
    checks = EquipmentCheck.objects.aggregate(
        last=Max("created_at"), n=Count("pk", filter=Q(created_at__date__gte=since))
    )
    overdue = Equipment.objects.filter(is_active=True, next_check_due__lt=today).count()
    for ref in EQUIPMENT:
        findings[ref] = finding_for(
            last=checks["last"], count=checks["n"], today=today, partial=bool(overdue),
            note=_("%(n)d checks overdue") % {"n": overdue} if overdue else "",
        )  # fmt: skip
    visits = Visit.objects.aggregate(last=Max("signed_in_at"), n=Count("pk", filter=Q(signed_in_at__date__gte=since)))
    findings["R3.4.4"] = finding_for(last=visits["last"], count=visits["n"], today=today)
    decided = ApplianceRequest.objects.aggregate(
        last=Max("decided_at"), n=Count("pk", filter=Q(decided_at__date__gte=since))
    )
    findings["R3.2.3"] = finding_for(last=decided["last"], count=decided["n"], today=today)
    return findings


def _inspection_records(qs, limit):
    qs = (
        qs.filter(status=FINISHED)
        .select_related("template", "area", "site", "department")
        .order_by("-finished_at", "-id")
    )
    return [
        Record(
            label=f"#{i.pk} {i.template.display_name}",
            url=i.get_absolute_url(),
            when=i.finished_at,
            detail=str(i.scope or ""),
        )
        for i in qs[:limit]
    ]


def records(*, ref, today, limit):
    if ref in ("R7.1", "R7.1.1"):
        return [
            Record(label=str(p), url=p.get_absolute_url(), when=p.approved_at, detail=p.get_status_display())
            for p in InspectionPlan.objects.order_by("-year")[:limit]
        ]
    if ref in EQUIPMENT:
        checks = EquipmentCheck.objects.select_related("equipment").order_by("-created_at", "-id")[:limit]
        return [Record(label=str(c), url=c.get_absolute_url(), when=c.created_at) for c in checks]
    if ref == "R3.4.4":
        visits = Visit.objects.order_by("-signed_in_at", "-id")[:limit]
        return [
            Record(label=f"{v.visitor_name} · {v.organisation}", url=v.get_absolute_url(), when=v.signed_in_at)
            for v in visits
        ]
    if ref == "R3.2.3":
        decided = ApplianceRequest.objects.filter(decided_at__isnull=False).order_by("-decided_at", "-id")[:limit]
        return [
            Record(label=r.appliance, url=r.get_absolute_url(), when=r.decided_at, detail=r.get_status_display())
            for r in decided
        ]
    if ref in ALL_INSPECTIONS:
        return _inspection_records(Inspection.objects.all(), limit)
    if ref in CLAUSE_GROUPS:
        return _inspection_records(Inspection.objects.filter(template__group=CLAUSE_GROUPS[ref]), limit)
    cited = TemplateItem.objects.filter(regulation_clause__ref=ref).values("template_id")
    return _inspection_records(Inspection.objects.filter(template_id__in=cited), limit)


PROVIDER = EvidenceProvider(
    key="inspections", label=_("Inspection records"), summarise=summarise, records=records, order=20
)
