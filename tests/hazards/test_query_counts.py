"""The list and the hazard page cost the same number of queries whatever the amount of data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.hazards.services import hazard_raise
from tests.hazards.conftest import walk
from tests.hazards.factories import HazardFactory, in_days
from tests.organization.factories import AreaFactory

pytestmark = pytest.mark.django_db


def _make(n, responsible, department):
    area = AreaFactory(department=department)
    for i in range(n):
        HazardFactory(
            area=area, status="rectifying", risk_level="red", grade="major", deadline=in_days(i - 5),
            responsible_person=responsible, department=department,
        )  # fmt: skip


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["officer", "head"])
def test_hazard_list_queries_do_not_grow_from_10_to_200_hazards(client, personas, persona, settings):
    settings.AXES_ENABLED = False
    user = personas[persona]
    client.force_login(user)
    url = reverse("hazards:hazard_list") + "?open=true"
    _make(10, personas["employee"], personas["employee"].department)
    at_10 = _count(client, url)
    _make(190, personas["employee"], personas["employee"].department)
    at_200 = _count(client, url)
    assert at_10 == at_200, f"{at_10} queries at 10 hazards, {at_200} at 200"


def test_hazard_page_queries_do_not_grow_with_hazards_timeline_or_photos(client, personas, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.core.images import png_bytes

    settings.AXES_ENABLED = False
    p = personas
    area = AreaFactory(department=p["employee"].department)

    def one_hazard(photos):
        uploads = [SimpleUploadedFile(f"p{i}.png", png_bytes(), content_type="image/png") for i in range(photos)]
        hazard = hazard_raise(
            title="Cable", description="", reporter=p["employee"], area=area, source=area, photos=uploads
        )
        return walk(hazard, to="rectify", officer=p["officer"], head=p["head"], employee=p["employee"])

    _make(10, p["employee"], p["employee"].department)
    small = one_hazard(1)
    client.force_login(p["head"])
    at_10 = _count(client, small.get_absolute_url())
    _make(190, p["employee"], p["employee"].department)
    big = one_hazard(4)
    at_200 = _count(client, big.get_absolute_url())
    assert at_10 == at_200, f"{at_10} queries at 10 hazards, {at_200} at 200"
