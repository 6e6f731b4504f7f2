"""The documents in force during a year in the safety archive (R2.2.6, R2.2.1), with their files."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.archive.sections import ArchiveSection, Column
from apps.core.models import Attachment

from .models import DocumentVersion

S = DocumentVersion.Status


def _in_force_during(year):
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        Q(status__in=[S.APPROVED, S.SUPERSEDED, S.WITHDRAWN], effective_date__lte=end)
        & (Q(superseded_at__isnull=True) | Q(superseded_at__date__gte=start))
        & (Q(withdrawn_at__isnull=True) | Q(withdrawn_at__date__gte=start))
    )


def _year(*, year):
    return (
        DocumentVersion.objects.filter(_in_force_during(year))
        .select_related("document__owner_department", "approved_by")
        .order_by("document__number", "number", "id")
    )


def _files(*, year):
    from django.contrib.contenttypes.models import ContentType

    versions = _year(year=year).filter(body_kind=DocumentVersion.Body.FILE)
    attachments = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(DocumentVersion),
        object_id__in=versions.values("pk"),
        role="body",
    ).order_by("object_id", "-created_at")
    labels = dict(versions.values_list("pk", "document__number"))
    numbers = dict(versions.values_list("pk", "number"))
    seen = set()
    for att in attachments.iterator():
        if att.object_id in seen:
            continue
        seen.add(att.object_id)
        ext = att.download_name.rsplit(".", 1)[-1]
        yield f"{labels[att.object_id]}-v{numbers[att.object_id]}.{ext}", att.file


SECTION = ArchiveSection(
    key="documents",
    label=_("Documents in force"),
    queryset=_year,
    columns=[
        Column(_("Number"), lambda v: v.document.number),
        Column(_("Title"), lambda v: v.document.display_title),
        Column(_("Category"), lambda v: v.document.get_category_display()),
        Column(_("Version"), lambda v: v.number),
        Column(_("Status"), lambda v: v.get_status_display()),
        Column(_("Effective date"), lambda v: v.effective_date),
        Column(_("Review by"), lambda v: v.review_date),
        Column(_("Approved by"), lambda v: str(v.approved_by) if v.approved_by_id else ""),
        Column(_("Approved at"), lambda v: v.approved_at),
        Column(
            _("Owner department"),
            lambda v: v.document.owner_department.display_name if v.document.owner_department_id else "",
        ),
    ],
    files=_files,
    browse_url=lambda *, year: "/documents/",
    order=10,
)
