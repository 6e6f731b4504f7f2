"""Courses and their study materials."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from apps.core.models import Attachment

from ..models import (
    Course,
    Material,
)


def course_list(*, user):
    """The courses ``user`` may see: officers (who manage them) see retired ones too."""
    qs = Course.objects.select_related("exam")
    if not user.has_perm("training.manage_courses"):
        qs = qs.filter(is_active=True)
    return qs


def material_files(materials) -> dict[int, list]:
    """Each material's attachments (material id → list) in one query."""
    files: dict[int, list] = {}
    if not materials:
        return files
    rows = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Material), object_id__in=[m.pk for m in materials]
    )
    for attachment in rows:
        files.setdefault(attachment.object_id, []).append(attachment)
    return files
