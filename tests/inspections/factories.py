import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from apps.inspections.models import (
    ApplianceRequest,
    ChecklistTemplate,
    Equipment,
    Inspection,
    InspectionPlan,
    PlanLine,
    TemplateItem,
    TemplateSection,
    Visit,
)
from tests.organization.factories import AreaFactory, UserFactory


class ChecklistTemplateFactory(DjangoModelFactory):
    class Meta:
        model = ChecklistTemplate

    code = factory.Sequence(lambda n: f"checklist-{n}")
    version = 1
    group = "fire"
    name = factory.Sequence(lambda n: f"Checklist {n}")
    name_zh = factory.Sequence(lambda n: f"检查表{n}")


def make_template(*, items=3, sections=1, group="fire", **kwargs) -> ChecklistTemplate:
    """A template with ``items`` items spread over ``sections`` sections (bulk-created)."""
    template = ChecklistTemplateFactory(group=group, **kwargs)
    secs = [
        TemplateSection.objects.create(
            template=template, position=i + 1, name=f"Section {i + 1}", name_zh=f"第{i + 1}部分"
        )
        for i in range(sections)
    ]
    TemplateItem.objects.bulk_create(
        TemplateItem(
            template=template,
            section=secs[n % sections],
            position=n + 1,
            text=f"Item {n + 1}",
            text_zh=f"检查项{n + 1}",
            guidance=f"Look at {n + 1}",
            clause="R3.1.1",
        )
        for n in range(items)
    )
    return template


class InspectionPlanFactory(DjangoModelFactory):
    class Meta:
        model = InspectionPlan

    year = 2026
    title = "Annual plan"


class PlanLineFactory(DjangoModelFactory):
    class Meta:
        model = PlanLine

    plan = factory.SubFactory(InspectionPlanFactory)
    template = factory.SubFactory(ChecklistTemplateFactory)
    area = factory.SubFactory(AreaFactory)
    frequency = "monthly"
    inspector = factory.SubFactory(UserFactory)


class InspectionFactory(DjangoModelFactory):
    class Meta:
        model = Inspection

    template = factory.SubFactory(ChecklistTemplateFactory)
    area = factory.SubFactory(AreaFactory)
    inspector = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(timezone.localdate)


class EquipmentFactory(DjangoModelFactory):
    class Meta:
        model = Equipment

    code = factory.Sequence(lambda n: f"FE-{n:04d}")
    kind = "extinguisher"
    area = factory.SubFactory(AreaFactory)
    serial_number = factory.Sequence(lambda n: f"SN{n:06d}")
    check_interval_days = 30
    next_check_due = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))


class ApplianceRequestFactory(DjangoModelFactory):
    class Meta:
        model = ApplianceRequest

    requester = factory.SubFactory(UserFactory)
    appliance = "Electric kettle"
    power_watts = 1800
    area = factory.SubFactory(AreaFactory)
    purpose = "Tea for the night shift"


class VisitFactory(DjangoModelFactory):
    class Meta:
        model = Visit

    visitor_name = factory.Sequence(lambda n: f"Visitor {n}")
    organisation = "Acme"
    host = factory.SubFactory(UserFactory)
    purpose = "Meeting"
    area = factory.SubFactory(AreaFactory)
    badge_number = factory.Sequence(lambda n: f"V{n:03d}")
    registered_by = factory.SelfAttribute("host")
