"""Training records (R6.5): a passed course, by exam, attendance or by hand, and what it completes."""

from __future__ import annotations

import calendar
import contextlib
import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core.exceptions import ApplicationError, Conflict
from apps.core.permissions import require
from apps.core.services import timeline_record

from ..models import Assignment, Completion, Course, Enrolment, Exam, ExamAttempt
from ..workflow import ASSIGNMENT_FLOW


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(course: Course, completed_on: datetime.date):
    return add_months(completed_on, course.validity_months) if course.validity_months else None


def _has_valid_record(person, course, day) -> bool:
    return (
        Completion.objects.filter(person=person, course=course)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gt=day))
        .exists()
    )


def _complete(*, person, course, source, actor=None, score=None, attempt=None, session=None, day=None) -> Completion:
    day = day or timezone.localdate()
    record = Completion.objects.create(
        person=person,
        course=course,
        completed_on=day,
        expires_on=expiry_for(course, day),
        score=score,
        source=source,
        attempt=attempt,
        session=session,
        recorded_by=actor,
    )
    timeline_record(subject=record, actor=actor or person, action=gettext_noop("completed"), to_state=source)

    def link_record(assignment):
        assignment.completion = record

    for assignment in Assignment.objects.filter(person=person, course=course, status=Assignment.Status.OPEN):
        # Cancelled or replaced meanwhile (a Conflict): the pass stands, there is nothing left to complete.
        with contextlib.suppress(Conflict):
            ASSIGNMENT_FLOW.apply(assignment, "complete", user=actor or person, apply=link_record)
    return record


def _needs_attendance(course) -> bool:
    return course.method in (Course.Method.CLASSROOM, Course.Method.DEMONSTRATION)


def _try_complete(*, person, course, actor=None, attempt=None, session=None):
    """Complete the course when everything it needs is done since the last pass: attendance for a
    classroom course, a passed exam where the course has one."""
    last = Completion.objects.filter(person=person, course=course).order_by("-created_at", "-id").first()
    since = last.created_at if last else None
    exam = Exam.objects.filter(course=course).first()
    passed = None
    if exam is not None:
        passed_qs = ExamAttempt.objects.filter(exam=exam, person=person, passed=True)
        if since:
            passed_qs = passed_qs.filter(submitted_at__gt=since)
        passed = passed_qs.order_by("-submitted_at").first()
        if passed is None:
            return None
    attended = None
    if _needs_attendance(course):
        att_qs = Enrolment.objects.filter(person=person, session__course=course, attended=True)
        if since:
            att_qs = att_qs.filter(marked_at__gt=since)
        attended = att_qs.select_related("session").order_by("-marked_at").first()
        if attended is None:
            return None
    source = Completion.Source.EXAM if passed is not None else Completion.Source.ATTENDANCE
    return _complete(
        person=person,
        course=course,
        source=source,
        actor=actor,
        score=passed.score if passed else None,
        attempt=passed,
        session=attended.session if attended else None,
    )


def completion_record(*, user, person, course, completed_on=None, comment="") -> Completion:
    """An officer records a pass by hand (an on-site demonstration, an external certificate)."""
    require(user, "training.record_completion")
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        raise ApplicationError(_("A training record cannot be dated in the future."))
    with transaction.atomic():
        return _complete(person=person, course=course, source=Completion.Source.MANUAL, actor=user, day=completed_on)
