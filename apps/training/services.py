"""Training writes (R6): requirements, assignments, exams, sessions, records, plan, reminders.

Every public service is keyword-only, checks permission, runs in ``transaction.atomic()`` and records
a timeline row. Scoring happens only here; the answer key (``Option.is_correct``) is read nowhere else.
"""

from __future__ import annotations

import calendar
import datetime
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.i18n_messages import lazy_display
from apps.core.permissions import require
from apps.core.services import timeline_record
from apps.notifications.services import notify
from apps.organization.models import User

from .models import (
    Assignment,
    AttemptQuestion,
    Completion,
    Course,
    Enrolment,
    Exam,
    ExamAttempt,
    Option,
    PlanLine,
    Question,
    Requirement,
    TrainingSession,
    new_answer_tokens,
)

DUE_SOON_DAYS = 7
ESCALATE_AFTER_DAYS = 3
EXPIRING_SOON_DAYS = 30

_rng = random.SystemRandom()
_title = lazy_display  # a course's name in the reader's language

# What a message asks (notify(topic=…)): complete an open assignment, renew an expiring record.
TOPIC_COMPLETE, TOPIC_RENEW = "complete", "renew"


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(course: Course, completed_on: datetime.date):
    return add_months(completed_on, course.validity_months) if course.validity_months else None


# --- assignments -------------------------------------------------------------------------------


def _has_valid_record(person, course, day) -> bool:
    return (
        Completion.objects.filter(person=person, course=course)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gt=day))
        .exists()
    )


def _attempts_used_up(person, course) -> bool:
    """The course's exam has an attempt limit, every attempt of the cycle is used and none is running."""
    exam = Exam.objects.filter(course=course).first()
    if exam is None or not exam.max_attempts:
        return False
    if ExamAttempt.objects.filter(
        exam=exam, person=person, status=ExamAttempt.Status.IN_PROGRESS, deadline__gte=timezone.now()
    ).exists():
        return False
    return attempts_left(person=person, exam=exam) == 0


def _assign(
    *, person, course, due_date, reason, actor=None, requirement=None, skip_if_valid=True, replace_used_up=False
):
    """Create an open assignment unless one is open already (or the person holds a valid pass).

    ``replace_used_up`` (assigning by hand): an open assignment whose exam attempts are all used is
    stuck, so it is cancelled and replaced; the new assignment starts a fresh set of attempts."""
    if not person.is_active:
        return None
    stuck = Assignment.objects.filter(person=person, course=course, status=Assignment.Status.OPEN).first()
    if stuck is not None:
        if not (replace_used_up and _attempts_used_up(person, course)):
            return None
        with transaction.atomic():
            locked = Assignment.objects.select_for_update().filter(pk=stuck.pk, status=Assignment.Status.OPEN)
            if locked.update(status=Assignment.Status.CANCELLED, updated_at=timezone.now()) != 1:
                return None  # closed meanwhile (passed, cancelled or replaced by someone else)
            timeline_record(
                subject=stuck,
                actor=actor,
                action=gettext_noop("replaced: no attempts left"),
                from_state=Assignment.Status.OPEN,
                to_state=Assignment.Status.CANCELLED,
            )
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
    except IntegrityError:
        return None  # a concurrent call assigned it first: the constraint keeps one open assignment
    timeline_record(subject=assignment, actor=actor, action=gettext_noop("assigned"), to_state=assignment.status)
    transaction.on_commit(lambda: _notify_new_assignment(assignment))
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
    require(user, "training.cancel_assignment", assignment)
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if Assignment.Status.CANCELLED not in Assignment.TRANSITIONS.get(locked.status, set()):
            raise Conflict(_("This assignment is no longer open."))
        locked.status = Assignment.Status.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
        timeline_record(
            subject=locked,
            actor=user,
            action=gettext_noop("cancelled"),
            from_state="open",
            to_state=locked.status,
            comment=comment,
        )
    return locked


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
            _timeline_bulk(created, action=gettext_noop("assigned"), to_state=Assignment.Status.OPEN, actor=actor)
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


def _timeline_bulk(subjects, *, action, to_state="", actor=None):
    """``timeline_record`` for many rows of one model in one query (same stored values)."""
    from django.contrib.contenttypes.models import ContentType

    from apps.core.models import TimelineEntry

    if not subjects:
        return
    content_type = ContentType.objects.get_for_model(subjects[0])
    with translation.override("en"):
        action = str(action)
    TimelineEntry.objects.bulk_create(
        TimelineEntry(content_type=content_type, object_id=s.pk, actor=actor, action=action, to_state=to_state)
        for s in subjects
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


# --- completions -------------------------------------------------------------------------------


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
    now = timezone.now()
    for assignment in Assignment.objects.select_for_update().filter(
        person=person, course=course, status=Assignment.Status.OPEN
    ):
        assignment.status = Assignment.Status.COMPLETED
        assignment.completed_at = now
        assignment.completion = record
        assignment.save(update_fields=["status", "completed_at", "completion", "updated_at"])
        timeline_record(
            subject=assignment,
            actor=actor or person,
            action=gettext_noop("completed"),
            from_state="open",
            to_state=assignment.status,
        )
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


# --- exams -------------------------------------------------------------------------------------


def _correct_ids(question) -> set[int]:
    return {o.pk for o in question.options.all() if o.is_correct}


def _items_for_scoring(attempt) -> list[AttemptQuestion]:
    """The attempt's drawn questions with their options and key: two queries whatever their number."""
    return list(attempt.items.select_related("question").prefetch_related("question__options"))


def _score(attempt, items=None) -> None:
    """Mark each drawn question right or wrong (all-or-nothing) and total the attempt.

    ``items`` (from :func:`_items_for_scoring`) may carry answers set in memory: they are written with
    the marks in one query."""
    items = _items_for_scoring(attempt) if items is None else items
    correct = 0
    for item in items:
        item.is_correct = set(item.selected or []) == _correct_ids(item.question)
        correct += item.is_correct
    if items:
        AttemptQuestion.objects.bulk_update(items, ["selected", "answered_at", "is_correct"])
    total = len(items)
    attempt.question_total = total
    attempt.correct_count = correct
    attempt.score = (
        (Decimal(correct * 100) / Decimal(total)).quantize(Decimal("0.01"), ROUND_HALF_UP) if total else Decimal(0)
    )
    attempt.passed = total > 0 and correct * 100 >= attempt.pass_mark * total


def _finish(attempt, *, actor, now, timed_out, items=None) -> ExamAttempt:
    _score(attempt, items)
    attempt.status = ExamAttempt.Status.SUBMITTED
    attempt.submitted_at = min(now, attempt.deadline) if timed_out else now
    attempt.timed_out = timed_out
    attempt.save()
    timeline_record(
        subject=attempt,
        actor=actor,
        action=gettext_noop("submitted") if not timed_out else gettext_noop("time ran out"),
        from_state=ExamAttempt.Status.IN_PROGRESS,
        to_state=attempt.status,
        comment=f"{attempt.correct_count}/{attempt.question_total} ({attempt.score}%)",
    )
    if attempt.passed:
        _try_complete(person=attempt.person, course=attempt.exam.course, actor=actor, attempt=attempt)
    return attempt


def attempts_left(*, person, exam) -> int | None:
    """Attempts still allowed in the current cycle (since the last pass); None means no limit."""
    if not exam.max_attempts:
        return None
    return max(0, exam.max_attempts - _attempts_in_cycle(person, exam))


def _attempts_in_cycle(person, exam) -> int:
    """Attempts since the last pass or the latest (re)assignment: assigning the course again after the
    limit was reached gives a fresh set of attempts."""
    marks = [
        Completion.objects.filter(person=person, course_id=exam.course_id).aggregate(t=Max("created_at"))["t"],
        Assignment.objects.filter(person=person, course_id=exam.course_id).aggregate(t=Max("created_at"))["t"],
    ]
    marks = [m for m in marks if m is not None]
    qs = ExamAttempt.objects.filter(exam=exam, person=person)
    if marks:
        qs = qs.filter(started_at__gt=max(marks))
    return qs.count()


def exam_attempt_start(*, user, course) -> ExamAttempt:
    """Start an attempt (or return the one still running): N random questions, options shuffled."""
    require(user, "training.take_exam", course)
    exam = Exam.objects.filter(course=course).first()
    if exam is None or not course.is_active:
        raise ApplicationError(_("This course has no exam."))
    now = timezone.now()
    with transaction.atomic():
        # Lock the person's row: two "start" clicks at once make one attempt.
        User.objects.select_for_update().filter(pk=user.pk).first()
        running = ExamAttempt.objects.filter(exam=exam, person=user, status=ExamAttempt.Status.IN_PROGRESS).first()
        if running is not None:
            if now <= running.deadline:
                return running
            _finish(running, actor=None, now=now, timed_out=True)
        open_assignment = Assignment.objects.filter(person=user, course=course, status=Assignment.Status.OPEN).exists()
        if not open_assignment and _has_valid_record(user, course, timezone.localdate()):
            raise ApplicationError(_("You have already passed this course."))
        left = attempts_left(person=user, exam=exam)
        if left is not None and left <= 0:
            raise NotAllowed(
                _("You have used all %(n)d attempts. Ask a safety officer to assign the course again.")
                % {"n": exam.max_attempts}
            )
        question_ids = list(Question.objects.filter(course=course, is_active=True).values_list("id", flat=True))
        if not question_ids:
            raise ApplicationError(_("This exam has no questions yet."))
        drawn = _rng.sample(question_ids, min(exam.question_count, len(question_ids)))
        number = (ExamAttempt.objects.filter(exam=exam, person=user).aggregate(n=Max("number"))["n"] or 0) + 1
        try:
            with transaction.atomic():
                attempt = ExamAttempt.objects.create(
                    exam=exam,
                    person=user,
                    number=number,
                    started_at=now,
                    deadline=now + datetime.timedelta(minutes=exam.time_limit_minutes),
                    pass_mark=exam.pass_mark,
                )
        except IntegrityError:
            raise Conflict(_("An attempt was started at the same moment; please reload."))
        options = {}
        for qid, oid in Option.objects.filter(question_id__in=drawn).values_list("question_id", "id"):
            options.setdefault(qid, []).append(oid)
        items = []
        for position, qid in enumerate(drawn, start=1):
            order = options.get(qid, [])
            _rng.shuffle(order)
            items.append(
                AttemptQuestion(
                    attempt=attempt,
                    question_id=qid,
                    position=position,
                    option_order=order,
                    option_tokens=new_answer_tokens(len(order)),
                )
            )
        AttemptQuestion.objects.bulk_create(items)
        timeline_record(subject=attempt, actor=user, action=gettext_noop("started"), to_state=attempt.status)
    return attempt


def _check_owner(user, attempt):
    if attempt.person_id != user.pk:
        raise NotAllowed(_("This is not your exam."))


@dataclass
class SaveResult:
    saved: bool
    message: str = ""


def _chosen_options(item, tokens) -> list[int]:
    """Map the tokens the page sent for ``item`` back to option ids; refuse anything else.

    Only this attempt's tokens for this question are accepted: an option id, a token of another
    question or attempt, or a made-up value is "Unknown answer"."""
    mapping = item.option_for_token
    tokens = {str(t) for t in tokens or []}
    if not tokens <= set(mapping):
        raise ApplicationError(_("Unknown answer."))
    if item.question.kind != Question.Kind.MULTIPLE and len(tokens) > 1:
        raise ApplicationError(_("Choose one answer."))
    return sorted(mapping[t] for t in tokens)


def exam_answer_save(*, user, attempt, item_id, tokens) -> SaveResult:
    """Save one answer (the page's tokens for one question) as the person goes. An answer after the
    deadline is not stored (it cannot count)."""
    _check_owner(user, attempt)
    now = timezone.now()
    with transaction.atomic():
        locked = ExamAttempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.status != ExamAttempt.Status.IN_PROGRESS:
            return SaveResult(False, _("This attempt has been submitted."))
        if now > locked.deadline:
            _finish(locked, actor=None, now=now, timed_out=True)
            return SaveResult(False, _("Time is up: this answer was not counted."))
        item = AttemptQuestion.objects.select_related("question").filter(attempt=locked, pk=_item_pk(item_id)).first()
        if item is None:
            raise ApplicationError(_("This question is not part of the attempt."))
        item.selected = _chosen_options(item, tokens)
        item.answered_at = now
        item.save(update_fields=["selected", "answered_at"])
    return SaveResult(True)


def _item_pk(item_id) -> int:
    try:
        return int(item_id)
    except (TypeError, ValueError):
        raise ApplicationError(_("This question is not part of the attempt.")) from None


def exam_attempt_submit(*, user, attempt, answers=None) -> ExamAttempt:
    """Score the attempt once, in one transaction and a fixed number of queries whatever the number of
    questions. ``answers`` ({item_id: [tokens]}) from the final form replace the saved answers of those
    questions if the attempt is still in time; after the deadline they are ignored and the answers saved
    in time are scored. A bad answer refuses the whole submission (nothing is saved). A second submit
    (or one racing the first: the attempt row is locked) returns the already scored attempt."""
    _check_owner(user, attempt)
    now = timezone.now()
    with transaction.atomic():
        locked = (
            ExamAttempt.objects.select_for_update(of=("self",))
            .select_related("exam__course", "person")
            .get(pk=attempt.pk)
        )
        if locked.status != ExamAttempt.Status.IN_PROGRESS:
            return locked
        timed_out = now > locked.deadline
        items = _items_for_scoring(locked)
        if answers and not timed_out:
            by_pk = {item.pk: item for item in items}
            for item_id, tokens in answers.items():
                item = by_pk.get(_item_pk(item_id))
                if item is None:
                    raise ApplicationError(_("This question is not part of the attempt."))
                item.selected = _chosen_options(item, tokens)
                item.answered_at = now
        return _finish(locked, actor=user, now=now, timed_out=timed_out, items=items)


def exam_attempts_expire(*, now=None) -> int:
    """Close attempts whose time ran out (their saved answers are scored)."""
    now = now or timezone.now()
    count = 0
    for pk in ExamAttempt.objects.filter(status=ExamAttempt.Status.IN_PROGRESS, deadline__lt=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            locked = ExamAttempt.objects.select_for_update().select_related("exam__course", "person").get(pk=pk)
            if locked.status == ExamAttempt.Status.IN_PROGRESS:
                _finish(locked, actor=None, now=now, timed_out=True)
                count += 1
    return count


def exam_save(
    *,
    user,
    course,
    question_count,
    pass_mark,
    time_limit_minutes,
    max_attempts,
    show_wrong_questions=True,
    show_correct_answers=False,
) -> Exam:
    require(user, "training.manage_courses")
    if not 1 <= pass_mark <= 100:
        raise ApplicationError(_("The pass mark is a percentage between 1 and 100."))
    with transaction.atomic():
        exam, created = Exam.objects.update_or_create(
            course=course,
            defaults={
                "question_count": question_count,
                "pass_mark": pass_mark,
                "time_limit_minutes": time_limit_minutes,
                "max_attempts": max_attempts,
                "show_wrong_questions": show_wrong_questions,
                "show_correct_answers": show_correct_answers,
            },
        )
        timeline_record(
            subject=course, actor=user, action=gettext_noop("exam created") if created else gettext_noop("exam changed")
        )
    return exam


# --- courses and question bank -----------------------------------------------------------------


def course_save(*, user, course, clauses=None) -> Course:
    """Create or change a course (the form has validated the fields); ``clauses`` are the regulation's
    clauses it carries out (the regulation map counts its passes as their evidence)."""
    require(user, "training.manage_courses")
    with transaction.atomic():
        created = course.pk is None
        course.save()
        if clauses is not None:
            course.clauses.set(clauses)
        timeline_record(
            subject=course, actor=user, action=gettext_noop("created") if created else gettext_noop("changed")
        )
    return course


def material_add(*, user, course, title, title_zh="", url="", text="", text_zh="", upload=None):
    """Add a link, a text or a file to a course. The file's type is judged by its content
    (``apps.core.uploads.MATERIALS``); anything else is refused with the reason."""
    from apps.core.services import attachment_add
    from apps.core.uploads import MATERIALS

    from .models import Material

    require(user, "training.manage_courses")
    if not (url or text or upload):
        raise ApplicationError(_("Give a link, a text or a file."))
    with transaction.atomic():
        position = (course.materials.aggregate(p=Max("position"))["p"] or 0) + 1
        material = Material.objects.create(
            course=course, title=title, title_zh=title_zh, url=url, text=text, text_zh=text_zh, position=position
        )
        if upload is not None:
            try:
                attachment_add(subject=material, upload=upload, user=user, role="material", allowed=MATERIALS)
            except ValidationError as exc:
                raise ApplicationError(" ".join(exc.messages)) from None
        # The material itself as the comment: its title in the reader's language.
        timeline_record(subject=course, actor=user, action=gettext_noop("material added"), comment=material)
    return material


def _clean_options(kind, options) -> list[tuple[str, str, bool]]:
    """``options``: list of (text, text_zh, is_correct). Single and true/false need exactly one right answer."""
    options = [(t.strip(), (tz or "").strip(), bool(c)) for t, tz, c in options if (t or "").strip()]
    correct = sum(1 for _t, _tz, c in options if c)
    if len(options) < 2:
        raise ApplicationError(_("A question needs at least two answers."))
    if correct == 0:
        raise ApplicationError(_("Mark at least one answer as correct."))
    if kind in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE) and correct != 1:
        raise ApplicationError(_("This kind of question has exactly one correct answer."))
    if kind == Question.Kind.TRUE_FALSE and len(options) != 2:
        raise ApplicationError(_("A true/false question has two answers."))
    return options


def _question_write(*, course, kind, text, text_zh, explanation, explanation_zh, options, previous_version=None):
    question = Question.objects.create(
        course=course,
        kind=kind,
        text=text,
        text_zh=text_zh,
        explanation=explanation,
        explanation_zh=explanation_zh,
        previous_version=previous_version,
    )
    Option.objects.bulk_create(
        Option(question=question, text=t, text_zh=tz, is_correct=c, position=i) for i, (t, tz, c) in enumerate(options)
    )
    return question


def question_create(*, user, course, kind, text, text_zh="", explanation="", explanation_zh="", options) -> Question:
    """``options``: list of (text, text_zh, is_correct). Single and true/false need exactly one right answer."""
    require(user, "training.manage_courses")
    options = _clean_options(kind, options)
    with transaction.atomic():
        question = _question_write(
            course=course,
            kind=kind,
            text=text,
            text_zh=text_zh,
            explanation=explanation,
            explanation_zh=explanation_zh,
            options=options,
        )
        timeline_record(subject=course, actor=user, action=gettext_noop("question added"), comment=question)
    return question


def question_update(*, user, question, kind, text, text_zh="", explanation="", explanation_zh="", options) -> Question:
    """Edit a question by replacing it with a new version; the old version is retired, never rewritten.

    Attempts point at a question and store the ids of its options (drawn order, answers given), and
    both scoring and the result page read the options' text and answer key. Rewriting them in place
    would change past attempts' review pages and re-key attempts still running, so the edit becomes a
    new question (new options) that future draws use, and the old one stays as it was, out of use.
    """
    require(user, "training.manage_courses")
    options = _clean_options(kind, options)
    with transaction.atomic():
        old = Question.objects.select_for_update().get(pk=question.pk)
        if not old.is_active:
            raise Conflict(_("This question is no longer in use; edit its current version instead."))
        new = _question_write(
            course=old.course,
            kind=kind,
            text=text,
            text_zh=text_zh,
            explanation=explanation,
            explanation_zh=explanation_zh,
            options=options,
            previous_version=old,
        )
        old.is_active = False
        old.save(update_fields=["is_active", "updated_at"])
        timeline_record(subject=old.course, actor=user, action=gettext_noop("question edited"), comment=new)
    return new


def question_retire(*, user, question) -> Question:
    require(user, "training.manage_courses")
    with transaction.atomic():
        question.is_active = False
        question.save(update_fields=["is_active", "updated_at"])
        timeline_record(subject=question.course, actor=user, action=gettext_noop("question retired"), comment=question)
    return question


# --- sessions ----------------------------------------------------------------------------------


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


# --- plan --------------------------------------------------------------------------------------


def plan_line_create(*, user, year, month, course, method=None, departments=()) -> PlanLine:
    require(user, "training.manage_plan")
    if not 1 <= month <= 12:
        raise ApplicationError(_("Month must be between 1 and 12."))
    with transaction.atomic():
        line = PlanLine.objects.create(year=year, month=month, course=course, method=method or course.method)
        line.departments.set(departments)
        timeline_record(subject=line, actor=user, action=gettext_noop("planned"))
    return line


# --- reminders ---------------------------------------------------------------------------------


def assignment_message_relevant(assignment: Assignment, topic: str) -> bool:
    """A "complete this training" message is needed while the assignment is open (registered in apps.py)."""
    return assignment.status == Assignment.Status.OPEN


def completion_message_relevant(record: Completion, topic: str) -> bool:
    """An "expires soon" message is needed until the person holds a newer record of the course
    (``has_newer`` is annotated by :func:`completions_with_newer`)."""
    return not getattr(record, "has_newer", False)


def completions_with_newer():
    from django.db.models import Exists, OuterRef

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
