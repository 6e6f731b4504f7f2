import pytest
from django.utils import timezone

from apps.core.exceptions import Conflict
from apps.incidents.models import Incident
from apps.incidents.services import action_add, case_study_publish, incident_event_add
from tests.incidents.factories import IncidentFactory, InvolvedPersonFactory
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_incident(employee, officer, head):
    injured = UserFactory(username="zhangwei", full_name="张伟", department=employee.department)
    visitor_name = "Mr Robert Brown"
    incident = IncidentFactory(
        reporter=employee,
        lead=head,
        status=Incident.Status.INVESTIGATING,
        description=f"张伟 slipped while carrying boxes; 李娜 called 王芳. {visitor_name} saw it. He was taken to A&E.",
        immediate_actions="李娜 gave first aid to 张伟.",
        root_cause="No wet-floor sign; 王芳 had not been told the floor was cleaned.",
        lessons_learned="Brown suggested a sign at the pantry; 刘强 agreed.",
        whys=["张伟 did not see the water"],
        cause_method="five_whys",
    )
    InvolvedPersonFactory(incident=incident, person=injured, treatment="medical", lost_work_days=2)
    InvolvedPersonFactory(incident=incident, name=visitor_name, role="witness")
    incident_event_add(incident=incident, user=officer, happened_at=timezone.now(), description="张伟 fell at the door")
    action_add(
        incident=incident, user=officer, description="王芳 to brief cleaners", owner=head, due_date=timezone.localdate()
    )
    incident.actions.update(status="closed")
    Incident.objects.filter(pk=incident.pk).update(status=Incident.Status.CLOSED)
    incident.refresh_from_db()
    return incident


def test_the_case_study_contains_no_personal_names_of_the_people_involved(closed_incident, officer):
    case = case_study_publish(incident=closed_incident, user=officer, title="Slip at the pantry: 张伟")
    text = " ".join([case.title, case.summary, case.causes, case.actions, case.lessons])
    for name in ("张伟", "李娜", "王芳", "刘强", "Robert", "Brown"):
        assert name not in text, name
    assert "Person A" in text and "slipped while carrying boxes" in text
    assert "wet-floor sign" in case.causes


def test_the_same_person_gets_the_same_label_throughout(closed_incident, officer):
    case = case_study_publish(incident=closed_incident, user=officer)
    first_label = case.summary.split(" slipped")[0]
    assert first_label.startswith("Person ")
    assert f"{first_label} fell at the door" in case.summary


def test_only_a_closed_incident_can_be_published(employee, officer):
    with pytest.raises(Conflict):
        case_study_publish(incident=IncidentFactory(reporter=employee, root_cause="x"), user=officer)


def test_every_member_of_staff_can_read_a_published_case(client, closed_incident, officer, outsider):
    case = case_study_publish(incident=closed_incident, user=officer)
    client.force_login(outsider)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    assert "张伟" not in response.content.decode()
