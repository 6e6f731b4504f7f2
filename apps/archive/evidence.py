"""R2.2.6 (keep a complete safety archive) on the regulation map: the archive exists for every year that
has records; an export built in the period is the proof that it was put together."""

from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy as _

from apps.regulation.evidence import EvidenceProvider, Record, finding_for, period_start

from .models import ArchiveExport


def summarise(*, today):
    row = ArchiveExport.objects.filter(status__in=[ArchiveExport.Status.READY, ArchiveExport.Status.EXPIRED]).aggregate(
        last=Max("finished_at"), n=Count("pk", filter=Q(finished_at__date__gte=period_start(today)))
    )
    return {"R2.2.6": finding_for(last=row["last"], count=row["n"], today=today)}


def records(*, ref, today, limit):
    exports = ArchiveExport.objects.filter(finished_at__isnull=False).order_by("-finished_at", "-id")[:limit]
    return [
        Record(label=f"{e.filename}", url=e.get_absolute_url(), when=e.finished_at, detail=e.get_status_display())
        for e in exports
    ]


PROVIDER = EvidenceProvider(key="archive", label=_("Archive exports"), summarise=summarise, records=records, order=90)
