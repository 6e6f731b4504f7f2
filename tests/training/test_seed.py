import io
from collections import Counter

import pytest
from django.core.management import call_command

from apps.demo.seeders.training import BANKS, _bank, arranged
from apps.demo.seeders.training_questions import FIRE
from apps.organization.models import User
from apps.training.models import Completion, Course, ExamAttempt, Option, Question, TrainingSession
from apps.training.selectors import EXPIRED, OVERDUE, PASSED, compliance_matrix, training_clearance


def counts():
    return (Question.objects.count(), ExamAttempt.objects.count(), Completion.objects.count())


@pytest.mark.slow
@pytest.mark.django_db
def test_seed_adds_real_bilingual_banks_a_year_of_history_and_mixed_compliance_and_is_idempotent():
    call_command("seed_demo", only=["organization", "training"], stdout=io.StringIO())
    for code in ("induction-fire", "induction-infosec"):
        bank = Question.objects.filter(course__code=code)
        assert bank.count() >= 20
        assert not bank.filter(text_zh="").exists()
    assert TrainingSession.objects.filter(course__code="extinguisher-practice").count() >= 12
    assert ExamAttempt.objects.filter(passed=False).exists() and ExamAttempt.objects.filter(passed=True).exists()
    assert not training_clearance(User.objects.get(username="newhire")).cleared
    assert training_clearance(User.objects.get(username="employee")).cleared
    totals = compliance_matrix(user=User.objects.get(username="officer")).totals
    assert totals[PASSED] and totals[OVERDUE] and totals[EXPIRED]

    before = counts()
    call_command("seed_demo", only=["organization", "training"], stdout=io.StringIO())
    assert counts() == before
    assert not training_clearance(User.objects.get(username="newhire")).cleared


def _right_positions(options):
    return tuple(i for i, option in enumerate(options) if option[2])


@pytest.mark.parametrize("code", sorted(BANKS))
def test_no_position_holds_the_right_answer_of_most_single_choice_questions_in_a_demo_bank(code):
    singles = [options for kind, _en, _zh, options in arranged(BANKS[code]) if kind == Question.Kind.SINGLE]
    share = Counter(_right_positions(options) for options in singles)
    assert max(share.values()) * 2 <= len(singles), share


@pytest.mark.django_db
def test_seeded_options_are_created_in_the_arranged_order_so_the_lowest_id_is_not_the_key():
    course = Course.objects.create(code="bank", name="Bank", category=Course.Category.EMERGENCY)
    _bank(course, FIRE)
    singles = Question.objects.filter(course=course, kind=Question.Kind.SINGLE).prefetch_related("options")
    lowest_is_right = [min(q.options.all(), key=lambda o: o.pk).is_correct for q in singles]
    assert len(lowest_is_right) >= 10 and sum(lowest_is_right) * 2 <= len(lowest_is_right)


@pytest.mark.django_db
def test_a_bank_seeded_before_gets_its_answers_moved_to_the_arranged_positions():
    course = Course.objects.create(code="bank", name="Bank", category=Course.Category.EMERGENCY)
    kind, en, zh, options = FIRE[1]  # the bank lists the right answer first
    question = Question.objects.create(course=course, kind=kind, text=en, text_zh=zh)
    for i, (o_en, o_zh, ok) in enumerate(options):
        Option.objects.create(question=question, text=o_en, text_zh=o_zh, is_correct=ok, position=i)
    _bank(course, FIRE)
    expected = next(opts for _k, text, _zh, opts in arranged(FIRE) if text == en)
    assert [o.text for o in question.options.order_by("position")] == [o[0] for o in expected]
    assert _right_positions(expected) != (0,)
