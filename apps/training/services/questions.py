"""The question bank of a course: a question is never rewritten, an edit is a new version."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core.exceptions import ApplicationError, Conflict
from apps.core.permissions import require
from apps.core.services import timeline_record

from ..models import (
    Option,
    Question,
)


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
