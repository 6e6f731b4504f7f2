"""Malformed input on the hazard pages is refused with a message, never a 500 (issue 9)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.hazards.models import Hazard
from tests.core.images import png_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("area", ["abc", "-1", str(2**63), "1\x00", "²"])
def test_a_malformed_area_id_in_the_qr_link_shows_the_report_form_without_an_area(client, employee, area):
    client.force_login(employee)
    response = client.get(reverse("hazards:hazard_report"), {"area": area})
    assert response.status_code == 200
    assert "area" not in response.context["form"].initial


def test_a_photo_posted_with_a_clear_box_is_saved_as_a_photo_not_a_500(client, employee, area):
    client.force_login(employee)
    photo = SimpleUploadedFile("floor.png", png_bytes(), content_type="image/png")
    data = {"title": "Wet floor", "area": area.pk, "photos": [photo], "photos-clear": "on"}
    response = client.post(reverse("hazards:hazard_report"), data)
    assert response.status_code == 302
    assert Hazard.objects.get().title == "Wet floor"


@pytest.mark.parametrize("query", [{"reported_after": "99999-01-01"}, {"reported_before": "0001-01-01"}])
def test_a_date_out_of_range_on_the_list_shows_the_list_with_the_filter_error(client, officer, query):
    client.force_login(officer)
    response = client.get(reverse("hazards:hazard_list"), query)
    assert response.status_code == 200
    assert "Enter a" in response.content.decode() and "is-invalid" in response.content.decode()


def test_an_export_with_an_invalid_filter_is_refused_rather_than_exporting_every_hazard(client, officer, area):
    client.force_login(officer)
    response = client.get(reverse("hazards:hazard_export"), {"reported_after": "99999-01-01"})
    assert response.status_code == 400
    assert "nothing was exported" in response.content.decode()
