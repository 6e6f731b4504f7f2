import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from apps.incidents.models import CorrectiveAction, Incident, InvolvedPerson
from tests.organization.factories import UserFactory


class IncidentFactory(DjangoModelFactory):
    class Meta:
        model = Incident

    number = factory.Sequence(lambda n: f"INC-2026-{n + 5000:04d}")
    type = Incident.Type.INJURY
    occurred_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    description = "Slipped on a wet floor near the pantry."
    reporter = factory.SubFactory(UserFactory)
    department = factory.LazyAttribute(lambda o: o.reporter.department)


class InvolvedPersonFactory(DjangoModelFactory):
    class Meta:
        model = InvolvedPerson

    incident = factory.SubFactory(IncidentFactory)
    role = InvolvedPerson.Role.INJURED
    treatment = InvolvedPerson.Treatment.FIRST_AID
    lost_work_days = 0


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = CorrectiveAction

    incident = factory.SubFactory(IncidentFactory)
    description = "Put a non-slip mat at the pantry door."
    owner = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
