"""Courses and their study materials."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core.exceptions import ApplicationError
from apps.core.permissions import require
from apps.core.services import attachment_add, timeline_record
from apps.core.uploads import MATERIALS

from ..models import Course, Material


def course_save(*, user, course, clauses=None) -> Course:
    """Create or change a course (the form has validated the fields); ``clauses`` are the regulation's
    clauses it carries out (the regulation map counts its passes as their evidence)."""
    require(user, "training.manage_courses")
    with transaction.atomic():
        created = course.pk is None
        course.save()
        if clauses is not None:
            course.clauses.set(clauses)
        timeline_record(
            subject=course, actor=user, action=gettext_noop("created") if created else gettext_noop("changed")
        )
    return course


def material_add(*, user, course, title, title_zh="", url="", text="", text_zh="", upload=None):
    """Add a link, a text or a file to a course. The file's type is judged by its content
    (``apps.core.uploads.MATERIALS``); anything else is refused with the reason."""
    require(user, "training.manage_courses")
    if not (url or text or upload):
        raise ApplicationError(_("Give a link, a text or a file."))
    with transaction.atomic():
        position = (course.materials.aggregate(p=Max("position"))["p"] or 0) + 1
        material = Material.objects.create(
            course=course, title=title, title_zh=title_zh, url=url, text=text, text_zh=text_zh, position=position
        )
        if upload is not None:
            try:
                attachment_add(subject=material, upload=upload, user=user, role="material", allowed=MATERIALS)
            except ValidationError as exc:
                raise ApplicationError(" ".join(exc.messages)) from None
        timeline_record(
            subject=course, actor=user, action=gettext_noop("material added"), comment=material
        )  # its title in the reader's language
    return material
