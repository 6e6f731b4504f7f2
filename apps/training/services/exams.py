"""Exams (R6.3): settings, drawing an attempt, saving answers and scoring the whole attempt at once.

Scoring happens only here; the answer key (``Option.is_correct``) is read nowhere else."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.permissions import require
from apps.core.services import timeline_record
from apps.organization.models import User

from ..models import (
    Assignment,
    AttemptQuestion,
    Completion,
    Exam,
    ExamAttempt,
    Option,
    Question,
    new_answer_tokens,
)
from ..workflow import ATTEMPT_FLOW
from .completions import _has_valid_record, _try_complete

_rng = random.SystemRandom()


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


def _correct_ids(question) -> set[int]:
    return {o.pk for o in question.options.all() if o.is_correct}


def _items_for_scoring(attempt) -> list[AttemptQuestion]:
    """The attempt's drawn questions with their options and key: two queries whatever their number."""
    return list(attempt.items.select_related("question").prefetch_related("question__options"))


def exam_attempt_score(*, attempt, items=None) -> None:
    """Mark each drawn question right or wrong (all-or-nothing) and total the attempt; the caller saves
    the attempt (the moves that end it, or the demo's history).

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


def _still_running(attempt) -> bool:
    """The attempt has not ended yet (its moves "submit" and "time_out" start from its state)."""
    return ATTEMPT_FLOW.can_start_from(attempt, ATTEMPT_FLOW.moves["time_out"])


def _end(attempt, move: str, *, user, now, answers=None) -> ExamAttempt:
    """End the attempt with ``move`` ("submit" or "time_out") and record a pass, in one transaction and
    a fixed number of queries whatever the number of questions: the engine locks the row and checks
    the state (a second submit is a Conflict), the whole attempt is scored as the move's ``apply``.

    ``answers`` ({item id: [tokens]}, only with "submit") replace the saved answers of those questions;
    a bad one refuses the whole submission and nothing is saved."""
    timed_out = move == "time_out"

    def score(locked):
        items = _items_for_scoring(locked)
        by_pk = {item.pk: item for item in items}
        for item_id, tokens in (answers or {}).items():
            item = by_pk.get(_item_pk(item_id))
            if item is None:
                raise ApplicationError(_("This question is not part of the attempt."))
            item.selected = _chosen_options(item, tokens)
            item.answered_at = now
        exam_attempt_score(attempt=locked, items=items)
        locked.timed_out = timed_out
        locked.submitted_at = min(now, locked.deadline) if timed_out else now

    with transaction.atomic():
        ended = ATTEMPT_FLOW.apply(attempt, move, user=user, apply=score)
        if ended.passed:
            _try_complete(person=ended.person, course=ended.exam.course, actor=user, attempt=ended)
    return ended


def exam_attempt_time_out(*, attempt, user=None, now=None) -> ExamAttempt:
    """End a running attempt whose time ran out: the answers saved in time are scored. ``user`` is who
    found it late (the person opening the page), None for the daily run. An attempt still in time, or
    ended meanwhile, is returned as it is."""
    now = now or timezone.now()
    if not (_still_running(attempt) and now > attempt.deadline):
        return attempt
    try:
        return _end(attempt, "time_out", user=user, now=now)
    except Conflict:  # the person or the daily run ended it meanwhile
        attempt.refresh_from_db()
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
            exam_attempt_time_out(attempt=running, now=now)
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
        ATTEMPT_FLOW.start(attempt, "start", user=user)
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
        if not _still_running(locked):
            return SaveResult(False, _("This attempt has been submitted."))
        if now > locked.deadline:
            exam_attempt_time_out(attempt=locked, now=now)
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
    """The person submits their attempt: it is scored once, in one transaction and a fixed number of
    queries whatever the number of questions (see :func:`_end`). ``answers`` ({item_id: [tokens]}) from
    the final form replace the saved answers of those questions while the attempt is in time; after the
    deadline the attempt times out instead: they are ignored and the answers saved in time are scored.
    A second submit (or one racing the first: the row is locked) is a Conflict; nothing is scored twice."""
    _check_owner(user, attempt)
    now = timezone.now()
    if now > attempt.deadline:
        return _end(attempt, "time_out", user=user, now=now)
    return _end(attempt, "submit", user=user, now=now, answers=answers)


def exam_attempts_expire(*, now=None) -> int:
    """Close attempts whose time ran out (their saved answers are scored); the daily run."""
    now = now or timezone.now()
    count = 0
    for attempt in ExamAttempt.objects.filter(status=ExamAttempt.Status.IN_PROGRESS, deadline__lt=now):
        try:
            _end(attempt, "time_out", user=None, now=now)
        except Conflict:
            continue  # ended meanwhile by the person
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
