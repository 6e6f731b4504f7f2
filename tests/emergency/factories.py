import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from apps.emergency.models import ContingencyPlan, Drill, DrillParticipant, PlanStep, PlanVersion, TeamMember
from tests.organization.factories import SiteFactory, UserFactory


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = ContingencyPlan
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"plan-{n}")
    name = factory.Sequence(lambda n: f"Plan {n}")
    name_zh = factory.Sequence(lambda n: f"预案{n}")
    scenario = "fire"


class PlanVersionFactory(DjangoModelFactory):
    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = PlanVersion.Status.APPROVED
    purpose = "Purpose"
    effective_date = datetime.date(2026, 1, 1)

    @factory.post_generation
    def steps(self, create, extracted, **kwargs):
        if create:
            PlanStep.objects.create(version=self, order=1, role="everyone", text="Raise the alarm", text_zh="报警")


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
    """One of the plans the data migration ships, re-created if a transactional test flushed them."""
    import importlib

    from django.apps import apps

    if not ContingencyPlan.objects.filter(code=code).exists():
        importlib.import_module("apps.emergency.migrations.0002_default_plans").add_plans(apps, None)
    return ContingencyPlan.objects.get(code=code)
