import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from apps.emergency.models import ContingencyPlan, Drill, DrillParticipant, TeamMember
from tests.organization.factories import SiteFactory, UserFactory


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = ContingencyPlan
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"plan-{n}")
    name = factory.Sequence(lambda n: f"Plan {n}")
    name_zh = factory.Sequence(lambda n: f"预案{n}")
    scenario = "fire"


class DrillFactory(DjangoModelFactory):
    class Meta:
        model = Drill
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    site = factory.SubFactory(SiteFactory)
    planned_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    scope = "Whole floor"

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create and extracted:
            for person in extracted:
                DrillParticipant.objects.create(drill=self, person=person)


class TeamMemberFactory(DjangoModelFactory):
    class Meta:
        model = TeamMember

    person = factory.SubFactory(UserFactory)
    team_role = "commander"
    phone = "13800000000"


def shipped_plan(code="fire"):
    """One of the shipped plans (migrations 0002–0005), re-created if a transactional test flushed them."""
    from apps.emergency.shipped import shipped_plans_ensure

    if not ContingencyPlan.objects.filter(code=code).exists():
        shipped_plans_ensure()
    return ContingencyPlan.objects.get(code=code)
