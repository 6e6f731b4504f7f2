"""Evidence from document control for the regulation map: every clause a document in force carries out
(green while the document is within its review date, amber past it), R2.2.1 (rules drawn up and revised:
approvals in the period) and R2.3.2 (people studied the rules: acknowledgement campaigns)."""

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.regulation.evidence import AMBER, GREEN, EvidenceProvider, Finding, Record, finding_for, period_start

from .models import Acknowledgement, Document, DocumentVersion

S = DocumentVersion.Status


def summarise(*, today):
    findings = {}
    rows = (
        Document.objects.filter(current_version__isnull=False, clauses__isnull=False)
        .values("clauses__ref")
        .annotate(
            n=Count("pk", distinct=True),
            stale=Count("pk", distinct=True, filter=Q(current_version__review_date__lt=today)),
            last=Max("current_version__effective_date"),
        )
    )
    for row in rows:
        note = _("%(n)d past their review date") % {"n": row["stale"]} if row["stale"] else ""
        findings[row["clauses__ref"]] = Finding(AMBER if row["stale"] else GREEN, row["n"], row["last"], note)
    since = period_start(today)
    approvals = DocumentVersion.objects.aggregate(
        last=Max("approved_at"),
        n=Count("pk", filter=Q(approved_at__date__gte=since)),
        stale=Count("pk", filter=Q(status=S.APPROVED, review_date__lt=today)),
    )
    stale = approvals["stale"]
    findings["R2.2.1"] = finding_for(
        last=approvals["last"], count=approvals["n"], today=today, partial=bool(stale),
        note=_("%(n)d documents past their review date") % {"n": stale} if stale else "",
    )  # fmt: skip
    acks = Acknowledgement.objects.aggregate(
        last=Max("acknowledged_at"), n=Count("pk", filter=Q(acknowledged_at__date__gte=since))
    )
    findings["R2.3.2"] = finding_for(last=acks["last"], count=acks["n"], today=today)
    return findings


def records(*, ref, today, limit):
    if ref == "R2.3.2":
        from .models import Campaign

        return [
            Record(label=str(c), url=c.get_absolute_url(), when=c.created_at, detail=c.version.label)
            for c in Campaign.objects.select_related("version__document").order_by("-created_at", "-id")[:limit]
        ]
    if ref == "R2.2.1":
        versions = DocumentVersion.objects.filter(approved_at__isnull=False).select_related("document")
        return [
            Record(
                label=f"{v.label} {v.document.display_title}",
                url=v.get_absolute_url(),
                when=v.approved_at,
                detail=v.get_status_display(),
            )
            for v in versions.order_by("-approved_at", "-id")[:limit]
        ]
    documents = Document.objects.filter(clauses__ref=ref, current_version__isnull=False).select_related(
        "current_version"
    )
    return [
        Record(
            label=str(d),
            url=reverse("documents:document_detail", args=[d.pk]),
            when=d.current_version.effective_date,
            detail=_("in force"),
        )  # fmt: skip
        for d in documents.order_by("number", "id")[:limit]
    ]


PROVIDER = EvidenceProvider(
    key="documents", label=_("Documents in force"), summarise=summarise, records=records, order=10
)
