"""``start_of(day)`` stands for ``__date__gte=day`` in the evidence aggregates: the first instant of the day in
the company's time zone, so a record just after local midnight counts and one just before does not."""

import datetime

import pytest
from django.utils import timezone

from apps.hazards.models import Hazard
from apps.regulation.evidence import start_of
from tests.hazards.factories import HazardFactory

pytestmark = pytest.mark.django_db


def test_start_of_selects_what_the_local_date_does():
    day = datetime.date(2026, 3, 1)
    midnight = start_of(day)
    assert timezone.localtime(midnight).date() == day and timezone.localtime(midnight).time() == datetime.time.min
    for minutes in (1, -1):
        hazard = HazardFactory()
        Hazard.objects.filter(pk=hazard.pk).update(created_at=midnight + datetime.timedelta(minutes=minutes))
    by_date = set(Hazard.objects.filter(created_at__date__gte=day).values_list("pk", flat=True))
    by_instant = set(Hazard.objects.filter(created_at__gte=start_of(day)).values_list("pk", flat=True))
    assert by_date == by_instant and len(by_date) == 1
