import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from apps.hazards.models import Hazard
from tests.organization.factories import AreaFactory, UserFactory


class HazardFactory(DjangoModelFactory):
    """A hazard in the reported state; pass status and fields for later states (tests of reads only:
    tests of moves go through the services)."""

    class Meta:
        model = Hazard

    number = factory.Sequence(lambda n: f"YH-2026-{n + 5000:04d}")
    title = factory.Sequence(lambda n: f"Blocked fire exit {n}")
    description = "Boxes stacked in front of the exit door."
    reporter = factory.SubFactory(UserFactory)
    area = factory.SubFactory(AreaFactory)
    category = Hazard.Category.FIRE


def in_days(n):
    return timezone.localdate() + datetime.timedelta(days=n)
