import io

import pytest
from django.core.management import call_command

from apps.organization.models import User
from apps.training.models import Completion, ExamAttempt, Question, TrainingSession
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
