"""Cleared for work (R6.4.1): every induction course that applies to a person passed at least once,
and for those not cleared, why and the next step."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from ..models import (
    Assignment,
    Completion,
    Course,
    Exam,
    ExamAttempt,
    Requirement,
)
from .people import people_for

NEW_HIRE_DAYS = 180


def _active_requirements(triggers=None):
    qs = Requirement.objects.filter(is_active=True, course__is_active=True)
    if triggers:
        qs = qs.filter(trigger__in=triggers)
    return list(
        qs.select_related("course").prefetch_related(
            Prefetch("departments", to_attr="dept_list"), Prefetch("posts", to_attr="post_list")
        )
    )


def _scope_sets(req):
    return {d.pk for d in req.dept_list}, {p.pk for p in req.post_list}


# --- cleared for work (R6.4.1) -----------------------------------------------------------------


@dataclass
class NextStep:
    """Why a missing induction course is still missing, and what moves it forward."""

    NOT_ASSIGNED = "not_assigned"  # never assigned: the daily training run assigns it
    CANCELLED = "cancelled"  # assigned before, no longer open: someone must assign it again
    ASSIGNED = "assigned"  # open, not started
    IN_PROGRESS = "in_progress"  # open, attempts made or one running
    NO_ATTEMPTS = "no_attempts"  # open but every exam attempt used: stuck until assigned again

    course: Course
    kind: str
    due_date: datetime.date | None = None
    overdue: bool = False
    attempts_used: int = 0
    max_attempts: int | None = None

    @property
    def needs_assignment(self):
        """Only a new assignment moves this forward (the page offers officers and heads the button)."""
        return self.kind in (self.NOT_ASSIGNED, self.CANCELLED, self.NO_ATTEMPTS)


@dataclass
class Clearance:
    cleared: bool
    required: list = field(default_factory=list)  # induction courses that apply
    missing: list = field(default_factory=list)  # of which not passed yet
    steps: list = field(default_factory=list)  # NextStep per missing course (lists that ask for them)

    def __bool__(self):
        return self.cleared


def attach_next_steps(clearance: dict[int, Clearance], now=None) -> None:
    """Fill ``steps`` for everyone not cleared: three queries whatever the number of people.

    Attempts count as :func:`services.attempts_left` counts them: those started after the latest
    assignment of the course (a missing course has no pass to count from)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    pending = {pk: c for pk, c in clearance.items() if c.missing}
    if not pending:
        return
    course_ids = {course.pk for c in pending.values() for course in c.missing}
    person_ids = list(pending)
    latest_assigned, open_due = {}, {}
    for person_id, course_id, status, due, created in Assignment.objects.filter(
        person_id__in=person_ids, course_id__in=course_ids
    ).values_list("person_id", "course_id", "status", "due_date", "created_at"):
        key = (person_id, course_id)
        if key not in latest_assigned or created > latest_assigned[key]:
            latest_assigned[key] = created
        if status == Assignment.Status.OPEN:
            open_due[key] = due
    limits = dict(Exam.objects.filter(course_id__in=course_ids).values_list("course_id", "max_attempts"))
    used, running = {}, set()
    for person_id, course_id, started, status, deadline in ExamAttempt.objects.filter(
        person_id__in=person_ids, exam__course_id__in=course_ids
    ).values_list("person_id", "exam__course_id", "started_at", "status", "deadline"):
        key = (person_id, course_id)
        mark = latest_assigned.get(key)
        if mark is not None and started <= mark:
            continue
        used[key] = used.get(key, 0) + 1
        if status == ExamAttempt.Status.IN_PROGRESS and deadline >= now:
            running.add(key)
    for person_id, c in pending.items():
        steps = []
        for course in c.missing:
            key = (person_id, course.pk)
            limit = limits.get(course.pk) or None
            step = NextStep(course=course, kind=NextStep.ASSIGNED, attempts_used=used.get(key, 0), max_attempts=limit)
            if key not in open_due:
                step.kind = NextStep.CANCELLED if key in latest_assigned else NextStep.NOT_ASSIGNED
            else:
                step.due_date = open_due[key]
                step.overdue = step.due_date < today
                if key in running:
                    step.kind = NextStep.IN_PROGRESS
                elif limit and step.attempts_used >= limit:
                    step.kind = NextStep.NO_ATTEMPTS
                elif step.attempts_used:
                    step.kind = NextStep.IN_PROGRESS
            steps.append(step)
        c.steps = steps


def clearance_for_people(people) -> dict[int, Clearance]:
    """Cleared for work = every induction course that applies to the person passed at least once."""
    people = list(people)
    reqs = _active_requirements([Requirement.Trigger.HIRE])
    sets = {r.pk: _scope_sets(r) for r in reqs}
    course_ids = {r.course_id for r in reqs}
    passed = set()
    if course_ids and people:
        passed = set(
            Completion.objects.filter(person_id__in=[p.pk for p in people], course_id__in=course_ids).values_list(
                "person_id", "course_id"
            )
        )
    result = {}
    for person in people:
        required = {}
        for r in reqs:
            if r.applies_to(person, *sets[r.pk]):
                required[r.course_id] = r.course
        missing = [c for cid, c in required.items() if (person.pk, cid) not in passed]
        result[person.pk] = Clearance(cleared=not missing, required=list(required.values()), missing=missing)
    return result


def not_cleared_q(reqs=None) -> Q:
    """A filter on people: not cleared for work (:func:`clearance_for_people` in SQL). Per induction rule
    (a handful), "the rule applies and no completion of its course exists" — an anti-join the database
    answers for 50,000 people in one pass instead of loading them."""
    reqs = _active_requirements([Requirement.Trigger.HIRE]) if reqs is None else reqs
    condition = Q(pk__in=[])
    for r in reqs:
        departments, posts = _scope_sets(r)
        if r.audience == Requirement.Audience.ALL:
            applies = Q()
        elif r.audience == Requirement.Audience.DEPARTMENTS:
            applies = Q(department_id__in=departments)
        else:
            applies = Q(post_id__in=posts)
        # NOT IN over an uncorrelated subquery: PostgreSQL hashes the course's passes once and probes it
        # per person (a correlated NOT EXISTS inside OR/FILTER runs one index lookup per person and rule).
        passed = Q(pk__in=Completion.objects.filter(course_id=r.course_id).values("person_id"))
        condition |= applies & ~passed
    return condition


def new_hires_not_cleared_page(*, user, people=None, page_number=None, per_page=50):
    """:func:`new_hires_not_cleared` a page at a time: the people not cleared are found and paged in the
    database (:func:`not_cleared_q`), and only the page's people get their clearance and next steps —
    the same rows in the same order, whatever the size of the company (issue 12). The page's
    ``object_list`` holds ``(person, Clearance)`` pairs."""
    from django.core.paginator import Paginator

    qs = people_for(user=user, people=people).filter(not_cleared_q())
    qs = qs.order_by(F("hire_date").desc(nulls_last=True), "full_name", "id")
    page = Paginator(qs, per_page).get_page(page_number)
    persons = list(page.object_list)
    clearance = clearance_for_people(persons)
    attach_next_steps(clearance)
    page.object_list = [(p, clearance[p.pk]) for p in persons if not clearance[p.pk].cleared]
    return page


def team_clearance_summary(*, user, shown=8, today=None) -> dict | None:
    """The home page's team-training panel: how many people in ``user``'s scope are cleared for work, the
    first ``shown`` not cleared (the team page's order), and open/overdue assignments — aggregates in the
    database, a fixed number of queries and rows whatever the size of the company. ``None`` when the
    scope is empty."""
    today = today or timezone.localdate()
    qs = people_for(user=user)
    blocked = not_cleared_q()
    figures = qs.aggregate(total=Count("pk"), not_cleared=Count("pk", filter=blocked))
    if not figures["total"]:
        return None
    open_figures = Assignment.objects.filter(person_id__in=qs.values("pk"), status=Assignment.Status.OPEN).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today))
    )
    names = []
    if figures["not_cleared"]:
        names = list(qs.filter(blocked).order_by("department__name", "full_name", "id")[:shown])
    return {
        "total": figures["total"],
        "cleared": figures["total"] - figures["not_cleared"],
        "not_cleared": [{"person": p} for p in names],
        "overdue": open_figures["overdue"],
        "open": open_figures["open"],
    }


def training_clearance(person) -> Clearance:
    """Whether ``person`` is cleared for work, and which induction courses are still missing."""
    return clearance_for_people([person])[person.pk]


def new_hires_not_cleared(*, user, people=None, today=None):
    """Everyone in scope not cleared for work, newest hires first, each with the next step per missing
    induction course. Long-serving people are listed too: an induction rule created after they were
    hired applies to them as well, and nobody may be "not cleared" without anyone seeing it.
    ``people`` narrows the user's scope (``filters.PeopleFilter``)."""
    qs = people_for(user=user, people=people)
    people = list(qs.order_by(F("hire_date").desc(nulls_last=True), "full_name", "id"))
    clearance = clearance_for_people(people)
    attach_next_steps(clearance)
    return [(p, clearance[p.pk]) for p in people if not clearance[p.pk].cleared]
