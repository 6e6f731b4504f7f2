"""The training records and certificates of a year in the safety archive (R2.2.6, R6)."""

from django.utils.translation import gettext_lazy as _

from apps.archive.sections import ArchiveSection, Column

from .models import Completion


def _year(*, year):
    return (
        Completion.objects.filter(completed_on__year=year)
        .select_related("person__department", "course")
        .order_by("completed_on", "id")
    )


SECTION = ArchiveSection(
    key="training",
    label=_("Training records and certificates"),
    queryset=_year,
    columns=[
        Column(_("Person"), lambda c: str(c.person)),
        Column(_("Employee number"), lambda c: c.person.employee_number or ""),
        Column(_("Department"), lambda c: c.person.department.display_name if c.person.department_id else ""),
        Column(_("Course"), lambda c: str(c.course)),
        Column(_("Completed on"), lambda c: c.completed_on),
        Column(_("Expires on"), lambda c: c.expires_on),
        Column(_("Score (%)"), lambda c: c.score),
        Column(_("How"), lambda c: c.get_source_display()),
        Column(_("Certificate code"), lambda c: c.code),
    ],
    browse_url=lambda *, year: "/training/matrix/",
    order=40,
)
