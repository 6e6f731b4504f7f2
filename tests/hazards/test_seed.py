import io

import pytest
from django.core.management import call_command

from apps.hazards.models import Hazard

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_seed_demo_adds_hazards_in_every_state_including_overdue_and_is_idempotent(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("seed_demo", only=["hazards"], stdout=io.StringIO())
    statuses = set(Hazard.objects.values_list("status", flat=True))
    assert statuses == set(Hazard.Status.values)
    assert any(h.is_overdue for h in Hazard.objects.all())
    count = Hazard.objects.count()
    call_command("seed_demo", only=["hazards"], stdout=io.StringIO())
    assert Hazard.objects.count() == count
