"""A refused submission re-renders the form with the input and the reason (issue 9)."""

import pytest

from apps.core.exceptions import ApplicationError
from apps.organization import services
from apps.organization.models import Department

pytestmark = pytest.mark.django_db


def test_a_department_the_service_refuses_comes_back_with_what_was_typed(client, officer, monkeypatch):
    def refuse(**kwargs):
        raise ApplicationError("Refused for the test.")

    monkeypatch.setattr(services, "department_create", refuse)
    client.force_login(officer)
    response = client.post("/organization/departments/new/", {"name": "Night shift", "code": "night"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Night shift"' in html and "Refused for the test." in html
    assert not Department.objects.filter(code="night").exists()
