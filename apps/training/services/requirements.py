"""Requirements (R6.4): the rules that assign courses on hire, on joining a post and periodically."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core.exceptions import ApplicationError
from apps.core.models import TimelineEntry
from apps.core.permissions import require
from apps.core.services import timeline_record
from apps.organization.models import User

from ..models import (
    Assignment,
    Completion,
    Requirement,
)
from ..workflow import ASSIGNMENT_FLOW
from .assignments import _assign, _notify_new_assignment


def _requirements_for(person, triggers):
    reqs = Requirement.objects.filter(is_active=True, course__is_active=True, trigger__in=triggers)
    reqs = reqs.select_related("course").prefetch_related("departments", "posts")
    return [r for r in reqs if r.applies_to(person)]


def requirements_apply_on_hire(*, person, actor=None) -> list[Assignment]:
    """R6.4.1: a new person gets induction, their post's courses and the company-wide courses."""
    start = person.hire_date or timezone.localdate()
    start = max(start, timezone.localdate())
    created = []
    with transaction.atomic():
        triggers = [Requirement.Trigger.HIRE, Requirement.Trigger.POST, Requirement.Trigger.PERIODIC]
        for req in _requirements_for(person, triggers):
            reason = Assignment.Reason.HIRE if req.trigger == Requirement.Trigger.HIRE else Assignment.Reason.POST
            if req.trigger == Requirement.Trigger.PERIODIC:
                reason = Assignment.Reason.PERIODIC
            a = _assign(
                person=person,
                course=req.course,
                due_date=start + datetime.timedelta(days=req.due_days),
                reason=reason,
                actor=actor,
                requirement=req,
            )
            if a is not None:
                created.append(a)
    return created


def requirements_apply_on_post_change(*, person, old_post=None, new_post=None, actor=None) -> list[Assignment]:
    """R6.4.2: on joining a post, at once, the courses the person does not hold yet: every active rule
    for that post (whatever its trigger: a post's periodic course is due from the first day too) and
    the "on joining a post" rules for everyone or the person's department. Nothing else."""
    if new_post is None or (old_post is not None and old_post.pk == new_post.pk):
        return []
    today = timezone.localdate()
    reqs = (
        Requirement.objects.filter(is_active=True, course__is_active=True)
        .filter(
            Q(audience=Requirement.Audience.POSTS, posts=new_post)
            | (Q(trigger=Requirement.Trigger.POST) & ~Q(audience=Requirement.Audience.POSTS))
        )
        .select_related("course")
        .prefetch_related("departments")
        .distinct()
        .order_by("course__name", "id")
    )
    created = []
    with transaction.atomic():
        for req in reqs:
            if req.audience != Requirement.Audience.POSTS and not req.applies_to(person):
                continue
            a = _assign(
                person=person,
                course=req.course,
                due_date=today + datetime.timedelta(days=req.due_days),
                reason=Assignment.Reason.POST,
                actor=actor,
                requirement=req,
            )
            if a is not None:
                created.append(a)
    return created


def on_hire(*, person, actor=None):
    requirements_apply_on_hire(person=person, actor=actor)


def on_post_change(*, person, old_post, new_post, actor=None):
    requirements_apply_on_post_change(person=person, old_post=old_post, new_post=new_post, actor=actor)


_REASON_FOR_TRIGGER = {
    Requirement.Trigger.HIRE: Assignment.Reason.HIRE,
    Requirement.Trigger.POST: Assignment.Reason.POST,
    Requirement.Trigger.PERIODIC: Assignment.Reason.PERIODIC,
}


def requirements_sync(*, today=None) -> list[Assignment]:
    """Daily (R6.4.3): everyone in a periodic requirement's scope gets it; passes about to expire are
    reassigned ``renew_lead_days`` ahead, due on the expiry date; an induction or post course that
    applies to someone who was never assigned it (hired or put in the post before the rule, or without
    the organisation's hooks) is assigned once, so nobody stays "not cleared" or owes a course with
    nothing to do. An induction or post course assigned before is never re-assigned here (after a
    cancellation or used-up attempts an officer assigns it again). Running twice creates nothing new.

    A fixed number of queries whatever the number of people: rows are read and created in bulk."""
    reqs = list(
        Requirement.objects.filter(is_active=True, course__is_active=True)
        .select_related("course")
        .prefetch_related("departments", "posts")
    )
    return _requirements_apply(reqs=reqs, today=today or timezone.localdate())


def _requirements_apply(*, reqs, today, actor=None, new_rule=False) -> list[Assignment]:
    """Assign ``reqs`` to every active person in their scope who owes the course (see
    :func:`requirements_sync`). ``new_rule``: the rules were just created, so everyone in scope without a
    valid pass owes the course now, whether or not it was assigned to them before."""
    if not reqs:
        return []
    people = list(User.objects.filter(is_active=True))
    course_ids = {r.course_id for r in reqs}
    latest = {}
    for person_id, course_id, expires_on in (
        Completion.objects.filter(course_id__in=course_ids)
        .order_by("person_id", "course_id", "completed_on", "id")
        .values_list("person_id", "course_id", "expires_on")
    ):
        latest[(person_id, course_id)] = expires_on  # the last row per pair wins: the newest pass
    has_any = set(latest)
    open_pairs, ever_assigned = set(), set()
    once_course_ids = {r.course_id for r in reqs if r.trigger != Requirement.Trigger.PERIODIC}
    for person_id, course_id, status in Assignment.objects.filter(
        Q(status=Assignment.Status.OPEN, course_id__in=course_ids) | Q(course_id__in=once_course_ids)
    ).values_list("person_id", "course_id", "status"):
        ever_assigned.add((person_id, course_id))
        if status == Assignment.Status.OPEN:
            open_pairs.add((person_id, course_id))
    planned = []
    for req in reqs:
        dept_ids = {d.pk for d in req.departments.all()}
        post_ids = {p.pk for p in req.posts.all()}
        for person in people:
            key = (person.pk, req.course_id)
            if key in open_pairs or not req.applies_to(person, dept_ids, post_ids):
                continue
            if key in has_any:
                expires_on = latest[key]
                if expires_on is None or expires_on > today + datetime.timedelta(days=req.renew_lead_days):
                    continue
                due, reason = max(expires_on, today + datetime.timedelta(days=7)), Assignment.Reason.RENEWAL
                if expires_on >= today:
                    due = expires_on
            elif new_rule or req.trigger == Requirement.Trigger.PERIODIC or key not in ever_assigned:
                start = max(person.hire_date or today, today) if req.trigger == Requirement.Trigger.HIRE else today
                due, reason = start + datetime.timedelta(days=req.due_days), _REASON_FOR_TRIGGER[req.trigger]
            else:
                continue  # an induction or post course assigned before is not re-assigned
            planned.append(Assignment(person=person, course=req.course, due_date=due, reason=reason, requirement=req))
            open_pairs.add(key)
    if not planned:
        return []
    try:
        with transaction.atomic():
            created = Assignment.objects.bulk_create(planned)
            _record_assigned(created, actor=actor)
    except IntegrityError:
        # Someone assigned one of these meanwhile: fall back to one at a time (each skips what is open).
        created = []
        with transaction.atomic():
            for a in planned:
                made = _assign(
                    person=a.person,
                    course=a.course,
                    due_date=a.due_date,
                    reason=a.reason,
                    actor=actor,
                    requirement=a.requirement,
                    skip_if_valid=False,
                )
                if made is not None:
                    created.append(made)
        return created
    transaction.on_commit(lambda: [_notify_new_assignment(a) for a in created])
    return created


def _record_assigned(assignments, *, actor=None):
    """The start move ("assign") of many new assignments, their timeline rows written in one query:
    ``ASSIGNMENT_FLOW.start`` in bulk, for the daily run over everyone in scope."""
    move = ASSIGNMENT_FLOW.moves["assign"]
    content_type = ContentType.objects.get_for_model(Assignment)
    TimelineEntry.objects.bulk_create(
        TimelineEntry(content_type=content_type, object_id=a.pk, actor=actor, action=move.name, to_state=move.target)
        for a in assignments
    )


def requirement_create(*, user, course, trigger, audience, departments=(), posts=(), due_days=14, renew_lead_days=30):
    require(user, "training.manage_requirements")
    if audience == Requirement.Audience.DEPARTMENTS and not departments:
        raise ApplicationError(_("Choose at least one department."))
    if audience == Requirement.Audience.POSTS and not posts:
        raise ApplicationError(_("Choose at least one post."))
    with transaction.atomic():
        req = Requirement.objects.create(
            course=course,
            trigger=trigger,
            audience=audience,
            due_days=due_days,
            renew_lead_days=renew_lead_days,
            created_by=user,
        )
        if audience == Requirement.Audience.DEPARTMENTS:
            req.departments.set(departments)
        if audience == Requirement.Audience.POSTS:
            req.posts.set(posts)
        timeline_record(subject=req, actor=user, action=gettext_noop("created"), to_state="active")
        # The rule reaches the people already in its scope now, not at the next daily run.
        _requirements_apply(reqs=[req], today=timezone.localdate(), actor=user, new_rule=True)
    return req


def requirement_deactivate(*, user, requirement) -> Requirement:
    require(user, "training.manage_requirements")
    with transaction.atomic():
        requirement.is_active = False
        requirement.save(update_fields=["is_active", "updated_at"])
        timeline_record(
            subject=requirement,
            actor=user,
            action=gettext_noop("deactivated"),
            from_state="active",
            to_state="inactive",
        )
    return requirement
