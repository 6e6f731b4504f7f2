"""Malformed input on the incident pages is refused with a message, never a 500 (issue 9)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.incidents.models import Incident, IncidentEvent
from tests.incidents.factories import IncidentFactory
from tests.malformed import error_messages, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def investigating(employee):
    return IncidentFactory(reporter=employee, status=Incident.Status.INVESTIGATING)


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "9999-12-31T23:59", "99999-01-01T00:00"])
def test_an_edit_dated_outside_1900_to_2200_is_refused_and_the_time_is_kept(client, officer, investigating, when):
    before = investigating.occurred_at
    client.force_login(officer)
    data = {"type": "injury", "severity": "minor", "occurred_at": when, "description": "Corrected"}
    response = client.post(reverse("incidents:incident_edit", args=[investigating.pk]), data)
    assert refused(response)
    investigating.refresh_from_db()
    assert investigating.occurred_at == before and investigating.description != "Corrected"


def test_a_timeline_event_in_year_1_is_refused(client, officer, investigating):
    client.force_login(officer)
    data = {"happened_at": "0001-01-01T00:00", "description": "Alarm"}
    response = client.post(reverse("incidents:incident_event_add", args=[investigating.pk]), data)
    assert refused(response)
    assert not IncidentEvent.objects.filter(description="Alarm").exists()


@pytest.mark.parametrize("year", ["99999", "0", "-1", str(2**63), "abc"])
def test_a_year_out_of_range_shows_the_list_and_says_the_filter_was_not_applied(client, officer, year):
    client.force_login(officer)
    response = client.get(reverse("incidents:incident_list"), {"year": year})
    assert response.status_code == 200
    assert any("Filter not applied" in e for e in error_messages(response))


def test_an_export_with_a_year_out_of_range_is_refused_rather_than_exporting_everything(client, officer):
    client.force_login(officer)
    response = client.get(reverse("incidents:incident_export"), {"year": str(2**63)})
    assert response.status_code == 400
    assert "nothing was exported" in response.content.decode()


def test_a_posted_count_of_99999_people_builds_no_more_forms_than_may_be_saved(client, employee):
    client.force_login(employee)
    data = {
        "occurred_at": (timezone.localtime() - datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"),
        "type": "injury",
        "severity": "minor",
        "description": "Tripped",
        "people-TOTAL_FORMS": "99999",
        "people-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("incidents:incident_report"), data)
    assert response.status_code == 200
    assert len(response.context["people"].forms) <= 20
    assert response.context["people"].non_form_errors()
    assert not Incident.objects.exists()


@pytest.mark.parametrize("area", ["abc", "²", str(2**63)])
def test_a_malformed_area_id_in_the_qr_link_shows_the_report_form(client, employee, area):
    client.force_login(employee)
    response = client.get(reverse("incidents:incident_report"), {"area": area})
    assert response.status_code == 200 and "area" not in response.context["form"].initial
