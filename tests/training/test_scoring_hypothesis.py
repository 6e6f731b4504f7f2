"""Property: for any question set and any answers, the server's score is the independently computed one."""

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.training import services
from apps.training.models import Completion, Exam, ExamAttempt, Option, Question
from tests.training.factories import CourseFactory, tokens_for


@st.composite
def question_specs(draw):
    kind = draw(st.sampled_from([Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.TRUE_FALSE]))
    n = 2 if kind == Question.Kind.TRUE_FALSE else draw(st.integers(min_value=2, max_value=5))
    if kind == Question.Kind.MULTIPLE:
        correct = draw(st.sets(st.integers(0, n - 1), min_size=1, max_size=n))
        answer = draw(st.sets(st.integers(0, n - 1), max_size=n))
    else:
        correct = {draw(st.integers(0, n - 1))}
        answer = draw(st.one_of(st.just(set()), st.integers(0, n - 1).map(lambda i: {i})))
    return kind, n, correct, answer


def expected_score(specs, pass_mark):
    right = sum(1 for _kind, _n, correct, answer in specs if correct == answer)
    total = len(specs)
    percent = Fraction(right * 100, total)
    rounded = Decimal(math.floor(percent * 100 + Fraction(1, 2))) / 100
    return right, rounded, Fraction(right, total) >= Fraction(pass_mark, 100)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(question_specs(), min_size=1, max_size=8), pass_mark=st.integers(min_value=1, max_value=100))
def test_server_score_equals_the_independently_computed_expectation(employee, specs, pass_mark):
    Completion.objects.all().delete()
    ExamAttempt.objects.all().delete()
    course = CourseFactory()
    Exam.objects.create(course=course, question_count=len(specs), pass_mark=pass_mark, max_attempts=0)
    option_ids = {}
    for kind, n, correct, _answer in specs:
        q = Question.objects.create(course=course, kind=kind, text="?")
        option_ids[q.pk] = [
            Option.objects.create(question=q, text=str(i), is_correct=i in correct, position=i).pk for i in range(n)
        ]
    answers_by_question = dict(zip(option_ids, (spec[3] for spec in specs), strict=True))

    attempt = services.exam_attempt_start(user=employee, course=course)
    for item in attempt.items.all():
        chosen = [option_ids[item.question_id][i] for i in answers_by_question[item.question_id]]
        services.exam_answer_save(user=employee, attempt=attempt, item_id=item.pk, tokens=tokens_for(item, chosen))
    attempt = services.exam_attempt_submit(user=employee, attempt=attempt)

    right, score, passed = expected_score(specs, pass_mark)
    assert attempt.question_total == len(specs)
    assert attempt.correct_count == right
    assert attempt.score == score
    assert attempt.passed is passed
