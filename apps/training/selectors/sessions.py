"""Classroom sessions."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from ..models import Enrolment, TrainingSession

UPCOMING_AFTER_START = datetime.timedelta(hours=4)  # a session that started this morning is still on the list


def upcoming_sessions(queryset):
    """``queryset`` narrowed to sessions still to come (or running), soonest first."""
    return queryset.filter(starts_at__gte=timezone.now() - UPCOMING_AFTER_START).order_by("starts_at", "id")


def session_list(*, user, upcoming_only=False):
    qs = TrainingSession.objects.select_related("course", "area", "trainer").annotate(
        enrolled=Count("enrolments", distinct=True)
    )
    return upcoming_sessions(qs) if upcoming_only else qs.order_by("-starts_at", "id")


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
