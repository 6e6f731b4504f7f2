"""The external report's clock and closing rule (R5.2.3) and plausible dates on an incident (issue 9)."""

import datetime

import pytest
from django.utils import timezone

from apps.core.exceptions import ApplicationError
from apps.incidents.models import Incident
from apps.incidents.services import (
    action_add,
    incident_close,
    incident_event_add,
    incident_external_overdue_send,
    incident_external_report,
    incident_update,
)
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def _ago(**kw):
    return timezone.now() - datetime.timedelta(**kw)


@pytest.fixture
def late_filed(employee):
    """Happened 30 hours ago, filed only now."""
    return IncidentFactory(reporter=employee, occurred_at=_ago(hours=30))


def _ready_to_close(incident):
    Incident.objects.filter(pk=incident.pk).update(status=Incident.Status.INVESTIGATING, root_cause="Wet floor")
    incident.refresh_from_db()
    return incident


def test_the_external_report_is_due_24_hours_after_the_incident_happened(late_filed, officer):
    incident_external_report(incident=late_filed, user=officer, required=True)
    late_filed.refresh_from_db()
    assert late_filed.external_due_at == late_filed.occurred_at + datetime.timedelta(hours=24)


def test_a_report_filed_after_the_deadline_is_overdue_at_once(late_filed, officer):
    incident_external_report(incident=late_filed, user=officer, required=True)
    assert incident_external_overdue_send() == 1


def test_a_required_external_report_never_made_blocks_closing(employee, officer):
    incident = _ready_to_close(IncidentFactory(reporter=employee))
    incident_external_report(incident=incident, user=officer, required=True)
    with pytest.raises(ApplicationError, match="reported to the authority before it is closed"):
        incident_close(incident=incident, user=officer)
    incident.refresh_from_db()
    assert incident.status == Incident.Status.INVESTIGATING


def test_an_incident_closes_once_the_required_external_report_is_made(employee, officer):
    incident = _ready_to_close(IncidentFactory(reporter=employee))
    incident_external_report(
        incident=incident, user=officer, required=True, authority="District bureau", reported_at=timezone.now()
    )
    incident_close(incident=incident, user=officer)
    incident.refresh_from_db()
    assert incident.status == Incident.Status.CLOSED


def test_closing_without_the_external_report_says_why_on_the_page(client, employee, officer):
    incident = _ready_to_close(IncidentFactory(reporter=employee))
    incident_external_report(incident=incident, user=officer, required=True)
    client.force_login(officer)
    response = client.post(f"/incidents/{incident.pk}/close/")
    assert response.status_code == 400
    assert "reported to the authority before it is closed" in response.content.decode()


def test_the_external_report_cannot_precede_the_incident(late_filed, officer):
    with pytest.raises(ApplicationError, match="before the incident happened"):
        incident_external_report(
            incident=late_filed, user=officer, required=True, authority="Bureau", reported_at=_ago(hours=31)
        )
    late_filed.refresh_from_db()
    assert late_filed.external_required is None


def test_editing_the_occurrence_time_moves_the_external_deadline(late_filed, officer):
    Incident.objects.filter(pk=late_filed.pk).update(status=Incident.Status.INVESTIGATING)
    incident_external_report(incident=late_filed, user=officer, required=True)
    new_time = _ago(hours=5).replace(microsecond=0)
    incident_update(incident=late_filed, user=officer, occurred_at=new_time)
    late_filed.refresh_from_db()
    assert late_filed.external_due_at == new_time + datetime.timedelta(hours=24)


def test_the_edit_form_refuses_a_future_occurrence_like_the_report_form(client, employee, officer):
    incident = IncidentFactory(reporter=employee, status=Incident.Status.INVESTIGATING)
    before = incident.occurred_at
    client.force_login(officer)
    future = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/incidents/{incident.pk}/edit/",
        {"type": "injury", "severity": "minor", "occurred_at": future, "description": "Corrected"},
    )
    assert response.status_code == 400 and "cannot happen in the future" in response.content.decode()
    incident.refresh_from_db()
    assert incident.occurred_at == before and incident.description != "Corrected"


def test_the_edit_service_refuses_a_future_occurrence(employee, officer):
    incident = IncidentFactory(reporter=employee, status=Incident.Status.INVESTIGATING)
    with pytest.raises(ApplicationError, match="future"):
        incident_update(incident=incident, user=officer, occurred_at=timezone.now() + datetime.timedelta(days=1))


def test_an_occurrence_before_the_year_2000_is_refused(employee, officer):
    incident = IncidentFactory(reporter=employee, status=Incident.Status.INVESTIGATING)
    with pytest.raises(ApplicationError, match="really happened"):
        incident_update(incident=incident, user=officer, occurred_at=datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC))


@pytest.fixture
def investigating(employee):
    return IncidentFactory(reporter=employee, occurred_at=_ago(hours=3), status=Incident.Status.INVESTIGATING)


def test_a_timeline_event_in_the_future_is_refused(investigating, officer):
    with pytest.raises(ApplicationError, match="future"):
        incident_event_add(
            incident=investigating, user=officer, happened_at=_ago(hours=-2), description="Ambulance left"
        )


def test_a_timeline_event_long_before_the_incident_is_refused(investigating, officer):
    with pytest.raises(ApplicationError, match="earlier"):
        incident_event_add(incident=investigating, user=officer, happened_at=_ago(days=40), description="Mopping")
    assert not investigating.events.exists()


def test_a_timeline_event_shortly_before_the_incident_is_kept(investigating, officer):
    incident_event_add(incident=investigating, user=officer, happened_at=_ago(hours=4), description="Floor mopped")
    assert investigating.events.count() == 1


def test_an_action_cannot_be_due_before_the_incident(investigating, officer, employee):
    with pytest.raises(ApplicationError, match="before the incident"):
        action_add(
            incident=investigating,
            user=officer,
            description="Mat",
            owner=employee,
            due_date=timezone.localdate() - datetime.timedelta(days=30),
        )


def test_an_action_cannot_be_due_in_ten_years(investigating, officer, employee):
    with pytest.raises(ApplicationError, match="three years"):
        action_add(
            incident=investigating,
            user=officer,
            description="Mat",
            owner=employee,
            due_date=timezone.localdate() + datetime.timedelta(days=3650),
        )
    assert not investigating.actions.exists()


def test_the_data_migration_moves_existing_deadlines_to_the_occurrence_and_back(employee):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("apps.incidents.migrations.0003_external_due_from_occurrence")
    incident = IncidentFactory(reporter=employee, occurred_at=_ago(hours=30), external_required=True)
    migration.from_occurrence(apps, None)
    incident.refresh_from_db()
    assert incident.external_due_at == incident.occurred_at + datetime.timedelta(hours=24)
    migration.from_filing(apps, None)
    incident.refresh_from_db()
    assert incident.external_due_at == incident.created_at + datetime.timedelta(hours=24)
