"""Counts over two relations do not multiply (issue 9), and a refused form on the incident page comes
back with what was typed and why it was refused, never a redirect that loses it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.incidents.models import CorrectiveAction, Incident, InvolvedPerson
from apps.incidents.selectors import incident_list
from tests.incidents.factories import ActionFactory, IncidentFactory, InvolvedPersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(employee):
    """One injured person, two witnesses, three actions of which two are still open."""
    incident = IncidentFactory(reporter=employee)
    InvolvedPersonFactory(incident=incident, role=InvolvedPerson.Role.INJURED)
    InvolvedPersonFactory.create_batch(2, incident=incident, role=InvolvedPerson.Role.WITNESS)
    ActionFactory.create_batch(2, incident=incident)
    ActionFactory(incident=incident, status=CorrectiveAction.Status.CLOSED)
    return incident


def test_the_incident_list_counts_one_injured_and_two_open_actions(busy, officer):
    row = incident_list(user=officer).get(pk=busy.pk)
    assert (row.injured_count, row.open_action_count) == (1, 2)


def test_the_incident_list_page_shows_injured_1(client, busy, officer):
    client.force_login(officer)
    html = client.get("/incidents/").content.decode()
    assert html.split('class="injured-count">')[1].split("</td>")[0] == "1"


def test_the_csv_export_shows_injured_1_and_2_open_actions(client, busy, officer):
    client.force_login(officer)
    body = b"".join(client.get("/incidents/export.csv").streaming_content).decode("utf-8-sig")
    assert body.strip().splitlines()[1].rstrip("\r").endswith(",1,2")


def test_a_refused_event_keeps_what_was_typed(client, employee, officer):
    incident = IncidentFactory(reporter=employee, status=Incident.Status.INVESTIGATING)
    client.force_login(officer)
    future = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/incidents/{incident.pk}/events/", {"happened_at": future, "description": "Supervisor called 120"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Supervisor called 120"' in html and "cannot be in the future" in html
    assert not incident.events.exists()


def test_a_refused_action_keeps_its_description(client, employee, officer):
    incident = IncidentFactory(reporter=employee, status=Incident.Status.INVESTIGATING)
    client.force_login(officer)
    long_ago = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    response = client.post(
        f"/incidents/{incident.pk}/actions/",
        {"kind": "corrective", "description": "Fit a guard to the cutter", "owner": employee.pk, "due_date": long_ago},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Fit a guard to the cutter" in html and "before the incident happened" in html


def test_refused_evidence_stays_in_the_action_form(client, employee):
    incident = IncidentFactory(reporter=employee, status=Incident.Status.ACTIONS)
    action = ActionFactory(incident=incident, owner=employee)
    client.force_login(employee)
    fake = SimpleUploadedFile("guard.png", b"not an image", content_type="image/png")
    response = client.post(
        f"/incidents/actions/{action.pk}/complete/",
        {"complete-evidence": "Guard fitted on Monday", "complete-photos": fake},
    )
    row = response.content.decode().split(f'id="action-{action.pk}"')[1].split("</li>")[0]
    assert response.status_code == 400
    assert "Guard fitted on Monday</textarea>" in row and "is-invalid" in row
    action.refresh_from_db()
    assert action.status == CorrectiveAction.Status.OPEN


def test_an_untouched_person_row_counts_as_empty_so_a_near_miss_needs_nobody(client, employee):
    """What a browser posts for the extra person row nobody touched: the first choice of each select, 0 days."""
    client.force_login(employee)
    response = client.post(
        "/incidents/report/",
        {
            "occurred_at": (timezone.localtime() - datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"),
            "type": "near_miss",
            "severity": "minor",
            "description": "A box fell from the top shelf; nobody was near.",
            "people-TOTAL_FORMS": "1",
            "people-INITIAL_FORMS": "0",
            "people-MIN_NUM_FORMS": "0",
            "people-MAX_NUM_FORMS": "20",
            "people-0-person": "",
            "people-0-name": "",
            "people-0-role": "injured",
            "people-0-injury_nature": "",
            "people-0-body_part": "",
            "people-0-treatment": "none",
            "people-0-lost_work_days": "0",
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert (incident.type, incident.people.count()) == ("near_miss", 0)
