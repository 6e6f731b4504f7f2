"""Classroom sessions: scheduling, enrolment and attendance (which may complete the course)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core.exceptions import ApplicationError, Conflict
from apps.core.permissions import require
from apps.core.services import timeline_record

from ..models import (
    Enrolment,
    TrainingSession,
)
from .completions import _try_complete


def session_create(*, user, course, starts_at, duration_minutes=60, area=None, trainer=None, capacity=20):
    require(user, "training.manage_sessions")
    if capacity < 1:
        raise ApplicationError(_("Capacity must be at least one."))
    with transaction.atomic():
        session = TrainingSession.objects.create(
            course=course,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            area=area,
            trainer=trainer,
            capacity=capacity,
        )
        timeline_record(subject=session, actor=user, action=gettext_noop("scheduled"))
    return session


def session_enrol(*, user, session, person=None) -> Enrolment:
    """Enrol oneself (or, for an officer, someone else) while seats are left."""
    person = person or user
    if person.pk != user.pk:
        require(user, "training.manage_sessions")
    else:
        require(user, "training.enrol", session)
    with transaction.atomic():
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        existing = Enrolment.objects.filter(session=locked, person=person).first()
        if existing is not None:
            return existing
        if locked.starts_at < timezone.now() - datetime.timedelta(minutes=locked.duration_minutes):
            raise ApplicationError(_("This session is over."))
        if Enrolment.objects.filter(session=locked).count() >= locked.capacity:
            raise Conflict(_("This session is full."))
        enrolment = Enrolment.objects.create(session=locked, person=person)
        timeline_record(subject=locked, actor=user, action=gettext_noop("enrolled"), comment=str(person))
    return enrolment


def session_attendance_mark(*, user, session, person, attended: bool) -> Enrolment:
    """Take attendance (on a phone): a person not enrolled is added; attending may complete the course."""
    require(user, "training.take_attendance", session)
    now = timezone.now()
    if session.starts_at > now + datetime.timedelta(hours=1):
        raise ApplicationError(_("Attendance can be taken from one hour before the session starts."))
    with transaction.atomic():
        enrolment, _created = Enrolment.objects.select_for_update().get_or_create(session=session, person=person)
        before = enrolment.attended
        enrolment.attended = attended
        enrolment.marked_by = user
        enrolment.marked_at = now
        enrolment.save()
        timeline_record(
            subject=session,
            actor=user,
            action=gettext_noop("attendance"),
            from_state="" if before is None else str(before),
            to_state=str(attended),
            comment=str(person),
        )
        if attended and before is not True:
            _try_complete(person=person, course=session.course, actor=user, session=session)
    return enrolment
