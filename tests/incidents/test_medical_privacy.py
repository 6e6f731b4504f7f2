"""Injuries, treatment and lost days are need-to-know (issue 9): the reporter, the injured, their
department heads, safety officers and management read them; anyone else who may see the incident (an
action owner from another department, a witness) sees the action and a redacted incident."""

import io

import pytest
from pypdf import PdfReader

from apps.incidents.models import InvolvedPerson
from tests.incidents.factories import ActionFactory, IncidentFactory, InvolvedPersonFactory
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db

INJURY = "fractured metacarpal"


INJURED_NAME = "张伟"


@pytest.fixture
def incident(employee, head, outsider):
    """Reported by the employee; a colleague was hurt; the action went to the outsider (another department)."""
    incident = IncidentFactory(reporter=employee)
    injured = UserFactory(full_name=INJURED_NAME, department=employee.department)
    InvolvedPersonFactory(
        incident=incident, person=injured, injury_nature=INJURY, treatment="hospital", lost_work_days=9
    )
    ActionFactory(incident=incident, owner=outsider, description="Guard the paper cutter")
    return incident


def _page(client, user, url):
    client.force_login(user)
    return client.get(url)


def _pdf_text(response):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.mark.parametrize("persona", ["employee", "head", "officer", "manager"])
def test_the_need_to_know_personas_read_the_injury_on_the_incident_page(client, personas, persona, incident):
    html = _page(client, personas[persona], incident.get_absolute_url()).content.decode()
    assert INJURY in html and "Hospitalised" in html and INJURED_NAME in html
    assert 'id="medical-redacted"' not in html


def test_an_action_owner_from_another_department_sees_the_action_but_not_the_injury(client, outsider, incident):
    response = _page(client, outsider, incident.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Guard the paper cutter" in html
    assert 'id="medical-redacted"' in html
    assert INJURY not in html and "Hospitalised" not in html and INJURED_NAME not in html


def test_the_incident_pdf_is_redacted_for_an_action_owner_from_another_department(client, outsider, incident):
    text = _pdf_text(_page(client, outsider, f"/incidents/{incident.pk}/pdf/"))
    assert "Guard" in text
    assert "metacarpal" not in text and "Hospitalised" not in text


def test_the_incident_pdf_shows_the_injury_to_the_reporter(client, employee, incident):
    text = _pdf_text(_page(client, employee, f"/incidents/{incident.pk}/pdf/"))
    assert "metacarpal" in text


def test_a_witness_from_another_department_sees_a_redacted_incident(client, incident):
    witness = UserFactory()
    InvolvedPersonFactory(incident=incident, person=witness, role=InvolvedPerson.Role.WITNESS, treatment="none")
    html = _page(client, witness, incident.get_absolute_url()).content.decode()
    assert 'id="medical-redacted"' in html and INJURY not in html


def test_an_investigation_lead_who_is_not_an_officer_sees_a_redacted_incident(client, incident):
    lead = UserFactory()
    incident.lead = lead
    incident.save()
    html = _page(client, lead, incident.get_absolute_url()).content.decode()
    assert 'id="medical-redacted"' in html and INJURY not in html


def test_the_head_of_an_injured_persons_department_sees_the_incident_and_the_injury(
    client, employee, outsider, other_head
):
    incident = IncidentFactory(reporter=employee)
    InvolvedPersonFactory(incident=incident, person=outsider, injury_nature=INJURY)
    response = _page(client, other_head, incident.get_absolute_url())
    assert response.status_code == 200 and INJURY in response.content.decode()


def test_the_injured_person_from_another_department_sees_their_own_injury(client, employee, outsider):
    incident = IncidentFactory(reporter=employee)
    InvolvedPersonFactory(incident=incident, person=outsider, injury_nature=INJURY)
    assert INJURY in _page(client, outsider, incident.get_absolute_url()).content.decode()


def test_the_incident_list_hides_the_injured_count_from_an_action_owner(client, outsider, incident):
    html = _page(client, outsider, "/incidents/").content.decode()
    cell = html.split('class="injured-count"')[1].split("</td>")[0]
    assert incident.number in html and "1" not in cell


def test_the_incident_list_shows_the_injured_count_to_the_reporter(client, employee, incident):
    html = _page(client, employee, "/incidents/").content.decode()
    assert html.split('class="injured-count">')[1].split("</td>")[0] == "1"
