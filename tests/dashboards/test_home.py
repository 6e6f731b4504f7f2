import pytest
from django.urls import reverse

from tests.hazards.factories import HazardFactory


@pytest.mark.django_db
def test_officer_home_names_the_hazard_queue_by_the_work_waiting(client, officer):
    HazardFactory()
    client.force_login(officer)
    html = client.get(reverse("home")).content.decode()
    assert "To assess" in html
    assert ">Assessed<" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["employee", "head", "officer", "manager"])
def test_home_renders_for_every_role(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_a_person_not_cleared_without_an_assignment_is_told_what_to_do(client, department):
    from apps.training.models import Requirement
    from tests.organization.factories import UserFactory
    from tests.training.factories import RequirementFactory

    course = RequirementFactory(trigger=Requirement.Trigger.HIRE).course
    person = UserFactory(department=department)  # no hire hook fired: nothing assigned
    client.force_login(person)
    html = client.get(reverse("home")).content.decode()
    assert 'data-cleared="no"' in html
    assert "unassigned-induction" in html and str(course) in html
    assert "No training due." not in html
