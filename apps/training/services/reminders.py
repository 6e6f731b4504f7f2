"""Training reminders: due soon, overdue (then the head), expiring soon; each sent once per key."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from apps.notifications.models import Notification
from apps.notifications.services import Message, notify_bulk

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
    """Due soon, overdue (person; then the head after a few days), expiring soon. Each once per key.

    Set-based (issue 12): what is due comes from three queries, what was already sent about those
    assignments and records from one (an anti-join on the notifications about them), and the new
    messages go in as one bulk insert — the same number of queries whatever the number of rows."""
    today = today or timezone.localdate()
    open_qs = Assignment.objects.filter(status=Assignment.Status.OPEN).select_related(
        "person", "person__department__head", "course"
    )
    due_soon = open_qs.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
    overdue = open_qs.filter(due_date__lt=today)
    expiring = (
        completions_with_newer()
        .filter(expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=EXPIRING_SOON_DAYS))
        .filter(has_newer=False)
        .select_related("person", "course")
    )
    messages = []
    for a in due_soon:
        messages.append(
            Message(
                a.person,
                f"training:assignment:{a.pk}:due-soon",
                format_lazy(gettext_lazy("Training due soon: {course}"), course=_title(a.course)),
                format_lazy(gettext_lazy("Due on {due}."), due=a.due_date),
                "/training/my/",
                about=a,
                topic=TOPIC_COMPLETE,
            )
        )
    for a in overdue:
        body = format_lazy(gettext_lazy("It was due on {due}."), due=a.due_date)
        messages.append(
            Message(
                a.person,
                f"training:assignment:{a.pk}:overdue",
                format_lazy(gettext_lazy("Training overdue: {course}"), course=_title(a.course)),
                body,
                "/training/my/",
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
            messages.append(
                Message(
                    head,
                    f"training:assignment:{a.pk}:overdue-head",
                    format_lazy(
                        gettext_lazy("{person}'s training is overdue: {course}"),
                        person=str(a.person),
                        course=_title(a.course),
                    ),
                    body,
                    "/training/team/",
                    about=a,
                    topic=TOPIC_COMPLETE,
                )
            )
    for record in expiring:
        messages.append(
            Message(
                record.person,
                f"training:completion:{record.pk}:expiring",
                format_lazy(gettext_lazy("Your training expires soon: {course}"), course=_title(record.course)),
                format_lazy(gettext_lazy("Valid until {day}."), day=record.expires_on),
                "/training/my/",
                about=record,
                topic=TOPIC_RENEW,
            )
        )
    if not messages:
        return 0
    content_types = ContentType.objects.get_for_models(Assignment, Completion)
    sent = set(
        Notification.objects.filter(
            Q(about_type=content_types[Assignment], about_id__in=due_soon.values("pk"))
            | Q(about_type=content_types[Assignment], about_id__in=overdue.values("pk"))
            | Q(about_type=content_types[Completion], about_id__in=expiring.values("pk"))
        ).values_list("recipient_id", "key")
    )
    return notify_bulk(messages, sent=sent)
