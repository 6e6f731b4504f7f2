"""Assignments: who must complete which course by when (by a rule, or by hand)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.exceptions import ApplicationError, Conflict
from apps.core.i18n_messages import lazy_display
from apps.core.permissions import require
from apps.notifications.services import notify

from ..models import Assignment
from ..workflow import ASSIGNMENT_FLOW
from .completions import _has_valid_record
from .exams import _attempts_used_up

_title = lazy_display  # a course's name in the reader's language

# What a message asks (notify(topic=…)): complete an open assignment, renew an expiring record.
TOPIC_COMPLETE, TOPIC_RENEW = "complete", "renew"


def _assign(
    *, person, course, due_date, reason, actor=None, requirement=None, skip_if_valid=True, replace_used_up=False
):
    """Create an open assignment unless one is open already (or the person holds a valid pass).

    ``replace_used_up`` (assigning by hand): an open assignment whose exam attempts are all used is
    stuck, so it is replaced (its ``replace`` move); the new assignment starts a fresh set of attempts."""
    if not person.is_active:
        return None
    stuck = Assignment.objects.filter(person=person, course=course, status=Assignment.Status.OPEN).first()
    if stuck is not None:
        if not (replace_used_up and _attempts_used_up(person, course)):
            return None
        try:
            ASSIGNMENT_FLOW.apply(stuck, "replace", user=actor)
        except Conflict:
            return None  # closed meanwhile (passed, cancelled or replaced by someone else)
        skip_if_valid = False  # the stuck assignment was needed (e.g. a refresher): its replacement is too
    if skip_if_valid and _has_valid_record(person, course, timezone.localdate()):
        return None
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                person=person,
                course=course,
                due_date=due_date,
                reason=reason,
                requirement=requirement,
                assigned_by=actor,
            )
            ASSIGNMENT_FLOW.start(assignment, "assign", user=actor, on_commit=_notify_new_assignment)
    except IntegrityError:
        return None  # a concurrent call assigned it first: the constraint keeps one open assignment
    return assignment


def _notify_new_assignment(assignment):
    notify(
        recipients=[assignment.person],
        key=f"training:assignment:{assignment.pk}:new",
        subject=format_lazy(gettext_lazy("New training: {course}"), course=_title(assignment.course)),
        body=format_lazy(gettext_lazy("Please complete it by {due}."), due=assignment.due_date),
        url="/training/my/",
        about=assignment,
        topic=TOPIC_COMPLETE,
    )


def assignment_create(*, user, people, course, due_date, comment="") -> list[Assignment]:
    """Assign ``course`` by hand to one person or a group; people who hold it or have it open are skipped,
    except an open assignment whose exam attempts are all used: it is replaced (fresh attempts)."""
    require(user, "training.assign")
    people = list(people)
    for person in people:
        require(user, "training.assign_person", person)
    if due_date < timezone.localdate():
        raise ApplicationError(_("The due date is in the past."))
    created = []
    with transaction.atomic():
        for person in people:
            assignment = _assign(
                person=person,
                course=course,
                due_date=due_date,
                reason=Assignment.Reason.MANUAL,
                actor=user,
                replace_used_up=True,
            )
            if assignment is not None:
                created.append(assignment)
    return created


def assignment_cancel(*, user, assignment, comment="") -> Assignment:
    """An officer cancels an open assignment (the person no longer owes the course by it)."""
    return ASSIGNMENT_FLOW.apply(assignment, "cancel", user=user, comment=comment)
