"""Exam integrity (issue 9): nothing on the exam page predicts the right answer.

The test reads the exam page as a cheater would: for every question it takes the values the page would
submit (and the inputs' ids), applies blind rules that never read a question or an answer text, and
checks each rule's hit rate against chance. The question bank is the worst case: every right answer
was created first, so creation order, database ids and positions all point at it.

Soundness: answer values and page order are drawn afresh for each drawn question, independently of
which option is right, so a rule that only looks at them picks the right option of a 4-option
question with probability exactly 1/4, independently for each drawn question; its number of hits is
Binomial(n, 1/4). The allowed range is the exact two-sided binomial interval at a total error
``ALPHA`` shared (Bonferroni) between all rules: a correct implementation fails with probability
below ``ALPHA``. A rule that is never right leaks as much as one that is always right (it rules an
option out), so both tails are checked.
"""

import math
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from apps.training import services
from apps.training.models import ExamAttempt
from tests.training.factories import CourseFactory, ExamFactory, make_question

pytestmark = pytest.mark.django_db

OPTIONS = 4
ATTEMPTS = 24
PER_ATTEMPT = 20
ALPHA = 1e-6


class ExamPage(HTMLParser):
    """Per question (input name): the inputs in page order as dicts of attributes plus the label text."""

    def __init__(self):
        super().__init__()
        self.questions, self.labels, self._label_for, self._text = {}, {}, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and (attrs.get("name") or "").startswith("q-"):
            self.questions.setdefault(attrs["name"], []).append(attrs)
        elif tag == "label" and attrs.get("for"):
            self._label_for, self._text = attrs["for"], []

    def handle_data(self, data):
        if self._label_for:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "label" and self._label_for:
            self.labels[self._label_for] = "".join(self._text).strip()
            self._label_for = None


def _digits(value):
    digits = re.sub(r"\D", "", value)
    return int(digits) if digits else -1


def _parity(value):
    number = _digits(value)
    return number % 2 if number >= 0 else ord(value[-1]) % 2 if value else 0


def _first(values, predicate):
    return next((i for i, v in enumerate(values) if predicate(v)), 0)


# Each rule sees only the values in page order and returns the index it bets on (ties: first on page).
RULES = {
    "first on the page": lambda vs: 0,
    "last on the page": lambda vs: len(vs) - 1,
    "lexically lowest": lambda vs: vs.index(min(vs)),
    "lexically highest": lambda vs: vs.index(max(vs)),
    "numerically lowest": lambda vs: min(range(len(vs)), key=lambda i: _digits(vs[i])),
    "numerically highest": lambda vs: max(range(len(vs)), key=lambda i: (_digits(vs[i]), -i)),
    "shortest": lambda vs: min(range(len(vs)), key=lambda i: len(vs[i])),
    "longest": lambda vs: max(range(len(vs)), key=lambda i: (len(vs[i]), -i)),
    "first even": lambda vs: _first(vs, lambda v: _parity(v) == 0),
    "first odd": lambda vs: _first(vs, lambda v: _parity(v) == 1),
}
ATTRIBUTES = ("value", "id")


def binomial_interval(n, p, alpha):
    """Smallest ``lo`` and largest ``hi`` with P(X < lo) <= alpha/2 and P(X > hi) <= alpha/2, X ~ B(n, p)."""
    pmf = [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]
    lo, tail = 0, 0.0
    while tail + pmf[lo] <= alpha / 2:
        tail += pmf[lo]
        lo += 1
    hi, tail = n, 0.0
    while tail + pmf[hi] <= alpha / 2:
        tail += pmf[hi]
        hi -= 1
    return lo, hi


def test_the_interval_rejects_a_rule_that_is_always_or_never_right():
    lo, hi = binomial_interval(480, 1 / 4, ALPHA / 20)
    assert 0 < lo < 120 < hi < 480
    assert hi - lo < 120  # tight enough to catch a rule right half the time instead of a quarter


def _bets(client, employee, course):
    """Per drawn question: the answer values and ids in page order, and the index of the right one."""
    attempt = services.exam_attempt_start(user=employee, course=course)
    page = ExamPage()
    page.feed(client.get(reverse("training:attempt_detail", args=[attempt.pk])).content.decode())
    services.exam_attempt_submit(user=employee, attempt=ExamAttempt.objects.get(pk=attempt.pk))
    assert len(page.questions) == PER_ATTEMPT
    for inputs in page.questions.values():
        assert len(inputs) == OPTIONS
        texts = [page.labels[i["id"]] for i in inputs]
        yield {a: [i[a] for i in inputs] for a in ATTRIBUTES}, texts.index(next(t for t in texts if "RIGHT" in t))


def test_no_statistic_of_the_submitted_values_predicts_the_right_answer(client, employee):
    course = CourseFactory()
    ExamFactory(course=course, question_count=PER_ATTEMPT, max_attempts=0, pass_mark=100)
    for n in range(PER_ATTEMPT * 2):
        question = make_question(course, n_options=OPTIONS, correct=(0,))  # worst case: the right one first
        for option in question.options.all():
            option.text = f"{'RIGHT' if option.is_correct else 'wrong'} {n}-{option.position}"
            option.save()
    client.force_login(employee)
    observations = [bet for _ in range(ATTEMPTS) for bet in _bets(client, employee, course)]

    n = len(observations)
    lo, hi = binomial_interval(n, 1 / OPTIONS, ALPHA / (len(RULES) * len(ATTRIBUTES)))
    leaks = {}
    for attribute in ATTRIBUTES:
        for name, rule in RULES.items():
            hits = sum(rule(values[attribute]) == right for values, right in observations)
            if not lo <= hits <= hi:
                leaks[f"{attribute}: {name}"] = f"{hits}/{n}"
    assert not leaks, f"chance is {n / OPTIONS:.0f}/{n} (allowed {lo}..{hi}); these rules beat it: {leaks}"
