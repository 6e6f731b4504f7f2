"""Malformed input on the inspection, equipment and coverage pages is refused with a message, never a 500,
and what once broke a page on every load cannot be saved (issue 9)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.core.selectors import attachments_for
from apps.inspections import services
from apps.inspections.models import Equipment, InspectionPlan
from tests.core.images import png_bytes
from tests.inspections.factories import EquipmentFactory, InspectionFactory, InspectionPlanFactory, make_template
from tests.malformed import error_messages
from tests.organization.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["0", "99999"])
def test_an_inspection_plan_for_a_year_out_of_range_is_refused_by_the_form(client, officer, year):
    client.force_login(officer)
    response = client.post(reverse("inspections:plan_list"), {"year": year, "title": "Plan"})
    assert response.status_code == 200 and "year" in response.context["form"].errors
    assert not InspectionPlan.objects.exists()


def test_an_inspection_plan_for_year_99999_cannot_be_saved_even_past_the_form():
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionPlanFactory(year=99999)


@pytest.mark.parametrize("days", ["3000000", str(2**63), "0"])
def test_equipment_checked_every_few_million_days_is_refused(client, officer, days):
    area = AreaFactory()
    client.force_login(officer)
    data = {"code": "FE-9", "kind": "extinguisher", "area": area.pk, "check_interval_days": days}
    response = client.post(reverse("equipment:equipment_create"), data)
    assert response.status_code == 200 and "check_interval_days" in response.context["form"].errors
    assert not Equipment.objects.filter(code="FE-9").exists()


def test_a_check_interval_beyond_ten_years_cannot_be_saved_even_past_the_form():
    with pytest.raises(IntegrityError), transaction.atomic():
        EquipmentFactory(check_interval_days=3_000_000)


@pytest.mark.parametrize("year", ["99999", "0", str(2**63), "abc"])
def test_coverage_for_a_year_out_of_range_shows_this_year_and_says_why(client, officer, year):
    client.force_login(officer)
    response = client.get(reverse("inspections:coverage"), {"year": year})
    assert response.status_code == 200 and response.context["year"] == timezone.localdate().year
    assert error_messages(response)


def test_a_result_photo_posted_with_a_clear_box_is_kept_not_a_500(client, head, department):
    area = AreaFactory(department=department)
    inspection = InspectionFactory(template=make_template(items=1), inspector=head, area=area)
    services.inspection_start(inspection=inspection, user=head)
    result = inspection.results.get()
    client.force_login(head)
    photo = SimpleUploadedFile("gauge.png", png_bytes(), content_type="image/png")
    data = {"outcome": "pass", "note": "", "photo": photo, "photo-clear": "on"}
    response = client.post(reverse("inspections:inspection_result_save", args=[inspection.pk, result.pk]), data)
    assert response.status_code == 302
    assert attachments_for(result).count() == 1


@pytest.mark.parametrize("q", ["a\x00b", "x" * 10_000])
def test_a_search_with_a_nul_byte_or_10000_characters_shows_the_list(client, officer, q):
    client.force_login(officer)
    for url in ("inspections:inspection_list", "equipment:equipment_list", "visitors:visit_list"):
        assert client.get(reverse(url), {"q": q}).status_code == 200
