"""Malformed input on the emergency pages is refused with a message, never a 500 (issue 9)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.emergency.models import ContingencyPlan, Drill
from tests.emergency.factories import DrillFactory, shipped_plan
from tests.malformed import error_messages, refused
from tests.organization.factories import SiteFactory

pytestmark = pytest.mark.django_db


def _local(when):
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize("months", ["99999", str(2**63), "0"])
def test_a_plan_drilled_every_million_months_is_refused(client, officer, months):
    client.force_login(officer)
    data = {"name": "Flood", "code": "flood", "scenario": "other", "drill_interval_months": months}
    response = client.post(reverse("emergency:plan_create"), data)
    assert refused(response)
    assert not ContingencyPlan.objects.filter(code="flood").exists()


def test_a_drill_interval_beyond_ten_years_cannot_be_saved_even_past_the_form():
    plan = shipped_plan("fire")
    plan.drill_interval_months = 1000
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.save()


@pytest.mark.parametrize(
    "change",
    [
        {"record-started_at": "0001-01-01T00:00"},
        {"record-ended_at": "99999-01-01T00:00"},
        {"record-evacuation_minutes": str(2**63)},
    ],
)
def test_a_drill_record_with_an_impossible_time_is_refused(client, officer, change):
    drill = DrillFactory(plan=shipped_plan("fire"), planned_at=timezone.now() - datetime.timedelta(hours=2))
    start = timezone.now() - datetime.timedelta(hours=2)
    data = {
        "record-started_at": _local(start),
        "record-ended_at": _local(start + datetime.timedelta(minutes=30)),
        "record-rating": "good",
        "record-evaluation": "Orderly",
        **change,
    }
    client.force_login(officer)
    response = client.post(reverse("emergency:drill_record", args=[drill.pk]), data)
    assert refused(response)
    drill.refresh_from_db()
    assert drill.status == Drill.Status.PLANNED


def test_a_drill_for_departments_beyond_64_bits_is_refused(client, officer):
    site = SiteFactory()
    client.force_login(officer)
    data = {
        "plan": shipped_plan("fire").pk,
        "site": site.pk,
        "planned_at": _local(timezone.now() + datetime.timedelta(days=3)),
        "departments": [str(2**63)],
    }
    response = client.post(reverse("emergency:drill_schedule"), data)
    assert response.status_code == 200 and "departments" in response.context["form"].errors
    assert not Drill.objects.exists()


@pytest.mark.parametrize("year", ["99999", "0", str(2**63)])
def test_the_drill_list_for_a_year_out_of_range_shows_this_year_and_says_why(client, employee, year):
    client.force_login(employee)
    response = client.get(reverse("emergency:drill_list"), {"year": year})
    assert response.status_code == 200 and response.context["year"] == timezone.localdate().year
    assert error_messages(response)
