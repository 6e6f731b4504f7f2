"""The figures documents offer to objectives and scorecards (``apps.core.metrics``), registered in
``DocumentsConfig.ready()``.

Acknowledgements done: of the people in scope of the campaigns due in the period (computed live from the
organisation, as the campaign page counts them), those who acknowledged. Department: the person's; month:
the campaign's due date. One query per campaign due in the period (a handful a year), whatever the number
of people or departments."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.metrics import RATE, Metric, register

from . import selectors
from .models import Campaign


def _campaigns(start, end):
    return Campaign.objects.filter(due_date__gte=start, due_date__lt=end).select_related("version__document")


def acknowledged_rows(*, start, end, today):
    rows = []
    for campaign in _campaigns(start, end):
        for row in selectors.campaign_by_department(campaign):
            rows.append((row["department_id"], campaign.due_date.month, row["done"], row["total"]))
    return rows


@dataclass
class PersonInCampaign:
    campaign: Campaign
    person: object
    ok: bool

    def __str__(self):
        return f"{self.person} · {self.campaign.version.label}"

    def get_absolute_url(self):
        return self.campaign.get_absolute_url()


def acknowledged_records(*, start, end, today, department_id):
    """Each person in scope of each campaign due in the period, ``ok`` when they acknowledged."""
    records = []
    for campaign in _campaigns(start, end):
        people = selectors.campaign_people(campaign).select_related("department")
        if department_id is not None:
            people = people.filter(department_id=department_id)
        done = set(campaign.acknowledgements.values_list("person_id", flat=True))
        records.extend(PersonInCampaign(campaign, p, p.pk in done) for p in people.order_by("full_name", "id"))
    return records


METRICS = [
    Metric(
        name="documents.acknowledgements_rate",
        label=_("Acknowledgements done"),
        unit="%",
        kind=RATE,
        rows=acknowledged_rows,
        records=acknowledged_records,
        records_url=lambda *, year, department_id: reverse("documents:campaign_list"),
        description=_("People in scope of the campaigns due this year who acknowledged the document."),
    ),
]


def register_metrics():
    register(*METRICS)
