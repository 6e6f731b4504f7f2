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
