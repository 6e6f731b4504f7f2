"""The annual training plan (R6.1)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core.exceptions import ApplicationError
from apps.core.permissions import require
from apps.core.services import timeline_record

from ..models import (
    PlanLine,
)


def plan_line_create(*, user, year, month, course, method=None, departments=()) -> PlanLine:
    require(user, "training.manage_plan")
    if not 1 <= month <= 12:
        raise ApplicationError(_("Month must be between 1 and 12."))
    with transaction.atomic():
        line = PlanLine.objects.create(year=year, month=month, course=course, method=method or course.method)
        line.departments.set(departments)
        timeline_record(subject=line, actor=user, action=gettext_noop("planned"))
    return line
