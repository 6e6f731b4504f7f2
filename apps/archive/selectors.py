from django.utils import timezone

from .models import ArchiveExport
from .sections import sections


def year_summary(*, year: int) -> list[dict]:
    """Every section with its count for the year: one COUNT per section."""
    return [
        {
            "section": s,
            "count": s.queryset(year=year).count(),
            "url": s.browse_url(year=year) if s.browse_url else "",
        }
        for s in sections()
    ]


def export_list(*, year: int | None = None):
    qs = ArchiveExport.objects.select_related("requested_by")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-created_at", "-id")


def years():
    this = timezone.localdate().year
    return list(range(this, this - 10, -1))
