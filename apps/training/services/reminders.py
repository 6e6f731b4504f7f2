"""Training reminders: due soon, overdue (then the head), expiring soon; each sent once per key."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from apps.notifications.services import notify

from ..models import (
    Assignment,
    Completion,
)
from .assignments import TOPIC_COMPLETE, TOPIC_RENEW, _title

DUE_SOON_DAYS = 7
ESCALATE_AFTER_DAYS = 3
EXPIRING_SOON_DAYS = 30


def assignment_message_relevant(assignment: Assignment, topic: str) -> bool:
    """A "complete this training" message is needed while the assignment is open (registered in apps.py)."""
    return assignment.status == Assignment.Status.OPEN


def completion_message_relevant(record: Completion, topic: str) -> bool:
    """An "expires soon" message is needed until the person holds a newer record of the course
    (``has_newer`` is annotated by :func:`completions_with_newer`)."""
    return not getattr(record, "has_newer", False)


def completions_with_newer():
    newer = Completion.objects.filter(
        person_id=OuterRef("person_id"), course_id=OuterRef("course_id"), completed_on__gt=OuterRef("completed_on")
    )
    return Completion.objects.annotate(has_newer=Exists(newer))


def training_reminders_send(*, today=None) -> int:
    """Due soon, overdue (person; then the head after a few days), expiring soon. Each once per key."""
    today = today or timezone.localdate()
    sent = 0
    open_qs = Assignment.objects.filter(status=Assignment.Status.OPEN).select_related(
        "person", "person__department__head", "course"
    )
    for a in open_qs.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)):
        sent += len(
            notify(
                recipients=[a.person],
                key=f"training:assignment:{a.pk}:due-soon",
                subject=format_lazy(gettext_lazy("Training due soon: {course}"), course=_title(a.course)),
                body=format_lazy(gettext_lazy("Due on {due}."), due=a.due_date),
                url="/training/my/",
                about=a,
                topic=TOPIC_COMPLETE,
            )
        )
    for a in open_qs.filter(due_date__lt=today):
        sent += len(
            notify(
                recipients=[a.person],
                key=f"training:assignment:{a.pk}:overdue",
                subject=format_lazy(gettext_lazy("Training overdue: {course}"), course=_title(a.course)),
                body=format_lazy(gettext_lazy("It was due on {due}."), due=a.due_date),
                url="/training/my/",
                about=a,
                topic=TOPIC_COMPLETE,
            )
        )
        head = a.person.department.head if a.person.department_id else None
        if (
            head is not None
            and head.pk != a.person_id
            and a.due_date + datetime.timedelta(days=ESCALATE_AFTER_DAYS) <= today
        ):
            sent += len(
                notify(
                    recipients=[head],
                    key=f"training:assignment:{a.pk}:overdue-head",
                    subject=format_lazy(
                        gettext_lazy("{person}'s training is overdue: {course}"),
                        person=str(a.person),
                        course=_title(a.course),
                    ),
                    body=format_lazy(gettext_lazy("It was due on {due}."), due=a.due_date),
                    url="/training/team/",
                    about=a,
                    topic=TOPIC_COMPLETE,
                )
            )
    expiring = Completion.objects.filter(
        expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=EXPIRING_SOON_DAYS)
    ).select_related("person", "course")
    for record in expiring:
        newer = Completion.objects.filter(
            person_id=record.person_id, course_id=record.course_id, completed_on__gt=record.completed_on
        ).exists()
        if newer:
            continue
        sent += len(
            notify(
                recipients=[record.person],
                key=f"training:completion:{record.pk}:expiring",
                subject=format_lazy(gettext_lazy("Your training expires soon: {course}"), course=_title(record.course)),
                body=format_lazy(gettext_lazy("Valid until {day}."), day=record.expires_on),
                url="/training/my/",
                about=record,
                topic=TOPIC_RENEW,
            )
        )
    return sent
