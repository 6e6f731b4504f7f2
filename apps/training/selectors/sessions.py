"""Classroom sessions."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from ..models import (
    Enrolment,
    TrainingSession,
)


def session_list(*, user, upcoming_only=False):
    qs = TrainingSession.objects.select_related("course", "area", "trainer").annotate(
        enrolled=Count("enrolments", distinct=True)
    )
    if upcoming_only:
        return qs.filter(starts_at__gte=timezone.now() - datetime.timedelta(hours=4)).order_by("starts_at", "id")
    return qs.order_by("-starts_at", "id")


def session_enrolments(*, session):
    return Enrolment.objects.filter(session=session).select_related("person", "person__department")


def sessions_for_calendar(*, person, since):
    """Classroom sessions the person is enrolled in or trains, from ``since`` on (iCalendar feed)."""
    return (
        TrainingSession.objects.filter(Q(enrolments__person=person) | Q(trainer=person), starts_at__gte=since)
        .select_related("course", "area__floor__site")
        .distinct()
        .order_by("starts_at", "id")
    )
