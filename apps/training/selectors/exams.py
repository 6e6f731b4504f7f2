"""Exam attempts: whose a user may see, the exam page (without the answer key), item statistics."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from ..models import (
    AttemptQuestion,
    ExamAttempt,
    Option,
)


def my_attempts(*, person):
    return ExamAttempt.objects.filter(person=person).select_related("exam__course").order_by("-started_at")


def attempt_list(*, user):
    qs = ExamAttempt.objects.select_related("exam__course", "person")
    if user.has_perm("training.view_statistics"):
        return qs
    return qs.filter(person=user)


@dataclass
class Choice:
    """One answer as the exam page shows it: the attempt's token (the submitted value), the text, ticked."""

    token: str
    text: str
    checked: bool


def attempt_items_for_display(attempt, answers=None):
    """Drawn questions with their options in the attempt's shuffled order, each as a :class:`Choice`.

    Neither option ids nor the answer key reach the page: options are read without ``is_correct`` and
    carry only their per-attempt token. ``answers`` (a refused submission's ``ExamAnswersForm``) ticks
    what was sent instead of what was saved, so the page shows the exam as the person left it."""
    items = list(attempt.items.select_related("question").order_by("position"))
    option_ids = [oid for item in items for oid in item.option_order]
    options = {o.pk: o for o in Option.objects.filter(pk__in=option_ids).only("id", "text", "text_zh", "question_id")}
    for item in items:
        selected = set(item.selected or [])
        sent = answers.tokens_for(item.pk) if answers is not None else None
        item.choices = [
            Choice(
                token=token,
                text=options[oid].display_text,
                checked=token in sent if sent is not None else oid in selected,
            )
            for oid, token in zip(item.option_order, item.option_tokens, strict=True)
            if oid in options
        ]
    return items


def item_statistics(*, course):
    """Per question: how often drawn in a submitted attempt and how often answered wrong."""
    rows = (
        AttemptQuestion.objects.filter(attempt__exam__course=course, attempt__status=ExamAttempt.Status.SUBMITTED)
        .values("question_id", "question__text", "question__text_zh", "question__kind")
        .annotate(asked=Count("id"), wrong=Count("id", filter=Q(is_correct=False)))
        .order_by("-wrong", "question_id")
    )
    result = []
    for row in rows:
        row["wrong_rate"] = round(100 * row["wrong"] / row["asked"]) if row["asked"] else 0
        result.append(row)
    result.sort(key=lambda r: (-r["wrong_rate"], -r["asked"], r["question_id"]))
    return result
