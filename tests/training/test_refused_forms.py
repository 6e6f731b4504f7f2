"""A refused submission re-renders the form with the input and the reason (issue 9)."""

import pytest

from apps.training.models import Material
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db


def test_a_material_without_content_comes_back_with_its_title(client, officer):
    course = CourseFactory()
    client.force_login(officer)
    response = client.post(f"/training/courses/{course.pk}/materials/new/", {"title": "Evacuation routes 2026"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Evacuation routes 2026"' in html and "Give a link, a text or a file." in html
    assert not Material.objects.exists()
