"""The incident reports of a year in the safety archive (R2.2.6, R5.2)."""

from django.utils.translation import gettext_lazy as _

from apps.archive.sections import ArchiveSection, Column

from .models import Incident


def _year(*, year):
    return (
        Incident.objects.filter(occurred_at__year=year)
        .select_related("area", "department")
        .order_by("occurred_at", "id")
    )


SECTION = ArchiveSection(
    key="incidents",
    label=_("Incident reports"),
    queryset=_year,
    columns=[
        Column(_("Number"), lambda i: i.number),
        Column(_("Type"), lambda i: i.get_type_display()),
        Column(_("Severity"), lambda i: i.get_severity_display()),
        Column(_("Status"), lambda i: i.get_status_display()),
        Column(_("When it happened"), lambda i: i.occurred_at),
        Column(_("Area"), lambda i: i.area.display_name if i.area_id else ""),
        Column(_("Department"), lambda i: i.department.display_name if i.department_id else ""),
        Column(_("What happened"), lambda i: i.description),
        Column(_("Root cause"), lambda i: i.root_cause),
        Column(_("Lessons learned"), lambda i: i.lessons_learned),
        Column(_("Reported to"), lambda i: i.external_authority),
        Column(_("Closed at"), lambda i: i.closed_at),
    ],
    browse_url=lambda *, year: "/incidents/",
    order=50,
)
