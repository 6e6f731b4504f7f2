import io

import pytest
from django.core.management import call_command

from apps.core.selectors import timeline_for
from apps.rewards import scorecard
from apps.rewards.models import Decision

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _seed():
    call_command("seed_demo", only=["hazards", "inspections", "rewards"], stdout=io.StringIO())


def test_seed_demo_adds_a_year_of_rewards_and_penalties_in_every_state_and_is_idempotent(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _seed()
    states = set(Decision.objects.values_list("status", flat=True))
    assert states == set(Decision.Status.values)
    assert Decision.objects.filter(evidence__isnull=False).exists()
    assert {d.effective_date.month for d in Decision.objects.all()} >= set(range(1, 10))
    upheld = Decision.objects.get(status="upheld")
    steps = list(timeline_for(upheld))
    assert [e.action for e in steps] == ["propose", "approve", "notify", "appeal", "uphold"]
    assert steps[-1].created_at > steps[0].created_at  # spread over days, not one second
    count = Decision.objects.count()
    _seed()
    assert Decision.objects.count() == count
    year = Decision.objects.first().effective_date.year
    cards = scorecard.scorecards(scorecard.Period(year))
    assert any(c.total is not None for c in cards)  # enough data for a meaningful scorecard
