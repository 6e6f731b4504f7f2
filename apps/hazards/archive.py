"""The hazard loop records of a year in the safety archive (R2.2.6, R7.3)."""

from django.utils.translation import gettext_lazy as _

from apps.archive.sections import ArchiveSection, Column

from .models import Hazard


def _year(*, year):
    return (
        Hazard.objects.filter(created_at__year=year)
        .select_related("area", "department", "responsible_person")
        .order_by("created_at", "id")
    )


SECTION = ArchiveSection(
    key="hazards",
    label=_("Hazard loop records"),
    queryset=_year,
    columns=[
        Column(_("Number"), lambda h: h.number),
        Column(_("Title"), lambda h: h.title),
        Column(_("Status"), lambda h: h.get_status_display()),
        Column(_("Grade"), lambda h: h.get_grade_display()),
        Column(_("Risk level"), lambda h: h.get_risk_level_display()),
        Column(_("Area"), lambda h: h.area.display_name if h.area_id else h.location_text),
        Column(_("Department"), lambda h: h.department.display_name if h.department_id else ""),
        Column(_("Reported at"), lambda h: h.created_at),
        Column(_("Deadline"), lambda h: h.deadline),
        Column(_("Measures"), lambda h: h.measures),
        Column(_("Responsible person"), lambda h: str(h.responsible_person) if h.responsible_person_id else ""),
        Column(_("Rectified at"), lambda h: h.rectified_at),
        Column(_("Signed off at"), lambda h: h.signed_off_at),
        Column(_("Closed at"), lambda h: h.closed_at),
    ],
    browse_url=lambda *, year: "/hazards/",
    order=30,
)
