"""The drills of a year in the safety archive (R2.2.6, R5.1.2)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from apps.archive.sections import ArchiveSection, Column

from .models import Drill


def _year(*, year):
    return (
        Drill.objects.filter(planned_at__year=year)
        .select_related("plan", "site")
        .annotate(
            participant_count=Count("attendance", distinct=True),
            attended_count=Count("attendance", filter=Q(attendance__attended=True), distinct=True),
        )
        .order_by("planned_at", "id")
    )


SECTION = ArchiveSection(
    key="drills",
    label=_("Drills"),
    queryset=_year,
    columns=[
        Column(_("Plan"), lambda d: str(d.plan)),
        Column(_("Site"), lambda d: str(d.site)),
        Column(_("Planned for"), lambda d: d.planned_at),
        Column(_("Status"), lambda d: d.get_status_display()),
        Column(_("Actual start"), lambda d: d.started_at),
        Column(_("Actual end"), lambda d: d.ended_at),
        Column(_("Participants"), lambda d: d.participant_count),
        Column(_("Attended"), lambda d: d.attended_count),
        Column(_("Evacuation time"), lambda d: d.evacuation_display),
        Column(_("Rating"), lambda d: d.get_rating_display()),
        Column(_("Evaluation"), lambda d: d.evaluation),
    ],
    browse_url=lambda *, year: f"/emergency/drills/?year={year}",
    order=60,
)
