import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.models import Attachment
from apps.hazards.models import Hazard
from apps.hazards.services import hazard_raise
from tests.core.images import jpeg_bytes, png_bytes
from tests.hazards.factories import HazardFactory, in_days
from tests.organization.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_axes(settings):
    settings.AXES_ENABLED = False


def _report_data(area, **extra):
    return {"title": "Wet floor by the lifts", "area": area.pk, "location_text": "", "description": "", **extra}


def test_employee_reports_a_hazard_with_a_photo_and_lands_on_its_page(client, employee, area):
    client.force_login(employee)
    photo = SimpleUploadedFile("floor.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(reverse("hazards:hazard_report"), _report_data(area, photos=[photo]))
    hazard = Hazard.objects.get()
    assert response.status_code == 302 and response["Location"] == hazard.get_absolute_url()
    assert hazard.reporter == employee and hazard.area == area and hazard.status == Hazard.Status.REPORTED
    assert Attachment.objects.filter(object_id=hazard.pk, role="report").count() == 1
    page = client.get(hazard.get_absolute_url())
    assert "Wet floor by the lifts" in page.content.decode()


def test_report_form_asks_for_the_camera_on_phones(client, employee):
    client.force_login(employee)
    html = client.get(reverse("hazards:hazard_report")).content.decode()
    assert 'accept="image/*"' in html and 'capture="environment"' in html and "multiple" in html


def test_qr_poster_link_fills_in_the_area(client, employee, area):
    client.force_login(employee)
    response = client.get(reverse("hazards:hazard_report") + f"?area={area.pk}")
    assert response.context["form"].initial["area"] == area.pk


def test_text_file_renamed_jpg_gets_a_form_error_and_nothing_is_saved(client, employee, area):
    client.force_login(employee)
    fake = SimpleUploadedFile("photo.jpg", b"this is not an image at all", content_type="image/jpeg")
    response = client.post(reverse("hazards:hazard_report"), _report_data(area, photos=[fake]))
    assert response.status_code == 200
    assert "is not an image" in str(response.context["form"].errors["photos"])
    assert not Hazard.objects.exists() and not Attachment.objects.exists()


def test_oversized_image_gets_a_form_error_and_nothing_is_saved(client, employee, area, settings):
    settings.ANQUAN_MAX_UPLOAD_MB = 0  # any real image is now too large
    client.force_login(employee)
    big = SimpleUploadedFile("big.png", png_bytes((400, 400)), content_type="image/png")
    response = client.post(reverse("hazards:hazard_report"), _report_data(area, photos=[big]))
    assert response.status_code == 200
    assert "too large" in str(response.context["form"].errors["photos"])
    assert not Hazard.objects.exists()


def test_bad_evidence_photo_is_a_form_error_and_the_hazard_does_not_move(client, reported, loop, employee):
    hazard = loop(reported, "plan")
    client.force_login(employee)
    fake = SimpleUploadedFile("evidence.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post(
        reverse("hazards:hazard_rectify", args=[hazard.pk]), {"rectify-note": "Done", "rectify-photos": [fake]}
    )
    assert response.status_code == 400
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.RECTIFYING


def test_report_without_area_or_place_is_a_form_error(client, employee):
    client.force_login(employee)
    response = client.post(reverse("hazards:hazard_report"), {"title": "Something"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Hazard.objects.exists()


def test_anonymous_reporter_is_hidden_from_the_head_but_not_from_the_officer(client, employee, head, officer, area):
    hazard = hazard_raise(title="Smoking in stairwell", description="", reporter=employee, area=area, is_anonymous=True)
    client.force_login(head)
    assert "李娜" not in client.get(hazard.get_absolute_url()).content.decode()
    client.force_login(officer)
    assert "李娜" in client.get(hazard.get_absolute_url()).content.decode()


def test_page_offers_only_the_moves_the_user_may_make_now(client, reported, officer, head, employee):
    client.force_login(officer)
    html = client.get(reported.get_absolute_url()).content.decode()
    assert 'id="move-assess"' in html and 'id="move-reject"' in html and 'id="move-sign_off"' not in html
    client.force_login(employee)
    assert 'class="card mb-3 border-primary move-card"' not in client.get(reported.get_absolute_url()).content.decode()


def test_officer_assesses_through_the_page(client, reported, officer):
    client.force_login(officer)
    data = {
        "assess-grade": "general", "assess-category": "fire", "assess-likelihood": "2",
        "assess-severity": "3", "assess-comment": "Real",
    }  # fmt: skip
    response = client.post(reverse("hazards:hazard_assess", args=[reported.pk]), data)
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.status == Hazard.Status.ASSESSED and reported.risk_level == "yellow"


def test_verify_before_sign_off_through_the_page_shows_a_message_and_changes_nothing(client, reported, loop, officer):
    hazard = loop(reported, "rectify")
    client.force_login(officer)
    response = client.post(reverse("hazards:hazard_verify", args=[hazard.pk]), {}, follow=True)
    assert "not possible at this step" in response.content.decode()
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.RECTIFIED


def test_second_sign_off_click_gets_a_clear_message(client, reported, loop, head):
    hazard = loop(reported, "rectify")
    client.force_login(head)
    url = reverse("hazards:hazard_sign_off", args=[hazard.pk])
    client.post(url, {})
    response = client.post(url, {}, follow=True)
    assert "not possible at this step" in response.content.decode()
    assert hazard.__class__.objects.get(pk=hazard.pk).status == Hazard.Status.SIGNED_OFF


def test_list_filters_by_status_risk_overdue_and_text(client, officer):
    overdue = HazardFactory(title="Overdue cable", status="rectifying", risk_level="red", deadline=in_days(-2))
    HazardFactory(title="Fresh report")
    HazardFactory(title="On time", status="rectifying", risk_level="blue", deadline=in_days(5))
    client.force_login(officer)

    def titles(query):
        return [h.title for h in client.get(reverse("hazards:hazard_list") + query).context["page"]]

    assert titles("?overdue=true") == ["Overdue cable"]
    assert titles("?risk_level=red") == ["Overdue cable"]
    assert set(titles("?status=rectifying")) == {"Overdue cable", "On time"}
    assert titles("?q=fresh") == ["Fresh report"]
    assert overdue.is_overdue


def test_list_shows_an_employee_only_their_own_and_their_responsibilities(client, employee, outsider):
    mine = HazardFactory(reporter=employee)
    HazardFactory(reporter=outsider)
    client.force_login(employee)
    assert list(client.get(reverse("hazards:hazard_list")).context["page"]) == [mine]


def test_csv_export_follows_the_filter(client, officer):
    HazardFactory(title="Exported one", category="electrical")
    HazardFactory(title="Filtered out", category="fire")
    client.force_login(officer)
    response = client.get(reverse("hazards:hazard_export") + "?category=electrical")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][0] == "Number" and len(rows) == 2 and rows[1][1] == "Exported one"


def test_htmx_filter_returns_only_the_table(client, officer):
    HazardFactory(title="In the table")
    client.force_login(officer)
    response = client.get(reverse("hazards:hazard_list"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "In the table" in html and "<html" not in html


def test_risk_map_colours_an_area_by_its_highest_open_risk(client, officer):
    area = AreaFactory()
    HazardFactory(area=area, status="rectifying", risk_level="yellow", deadline=in_days(3))
    HazardFactory(area=area, status="rectifying", risk_level="orange", deadline=in_days(3))
    HazardFactory(area=area, status="closed", risk_level="red")
    client.force_login(officer)
    response = client.get(reverse("hazards:hazard_map"))
    cell = next(c for s in response.context["sites"] for c in s["areas"] if c["area"] == area)
    assert cell["count"] == 2 and cell["level"] == "orange"
    assert "risk-orange" in response.content.decode()


def test_poster_has_an_inline_svg_qr_code_linking_to_the_report_form(client, officer, area):
    client.force_login(officer)
    response = client.get(reverse("hazards:area_poster", args=[area.pk]))
    html = response.content.decode()
    assert "<svg" in html and f"/hazards/report/?area={area.pk}" in html


def test_my_work_lists_what_waits_for_the_head(client, reported, loop, head):
    hazard = loop(reported, "rectify")
    client.force_login(head)
    response = client.get(reverse("hazards:my_work"))
    sign_off = next(s for s in response.context["sections"] if s["key"] == "sign_off")
    assert sign_off["items"] == [hazard]


def test_home_panel_counts_the_officers_work(client, reported, officer):
    client.force_login(officer)
    html = client.get(reverse("home")).content.decode()
    assert 'id="panel-hazards"' in html and reported.number in html


def test_hazard_page_links_back_to_its_source(client, employee, officer):
    source = AreaFactory()
    hazard = hazard_raise(title="From a check", description="", reporter=employee, location_text="x", source=source)
    client.force_login(officer)
    html = client.get(hazard.get_absolute_url()).content.decode()
    assert f'href="{source.get_absolute_url()}"' in html


def _found(client, q, scope="hazards.responsible"):
    response = client.get(reverse("organization:person_autocomplete"), {"q": q, "scope": scope})
    return {r["id"] for r in response.json()["results"]}


def test_person_picker_searches_instead_of_listing_everyone(client, officer, head, outsider, employee):
    client.force_login(officer)
    assert _found(client, "陈") == {outsider.pk}
    client.force_login(head)  # a head finds only their own department's people
    assert _found(client, "陈") == set() and _found(client, "李") == {employee.pk}


def test_the_plans_picker_accepts_only_whom_its_search_offers(client, reported, loop, head, outsider):
    """A head posting another department's person (not in the search) is refused, not saved (issue 11)."""
    hazard = loop(reported, "assess")
    client.force_login(head)
    data = {
        "plan-measures": "Fix", "plan-department": hazard.department_id, "plan-responsible_person": outsider.pk,
    }  # fmt: skip
    response = client.post(reverse("hazards:hazard_plan", args=[hazard.pk]), data)
    assert response.status_code == 400
    hazard.refresh_from_db()
    assert hazard.responsible_person is None


def test_plan_searches_people_and_accepts_anyone_for_officers(client, reported, loop, officer, outsider):
    hazard = loop(reported, "assess")
    client.force_login(officer)
    html = client.get(hazard.get_absolute_url()).content.decode()
    assert (
        f'<option value="{outsider.pk}"' not in html and "person-picker" in html and "scope=hazards.responsible" in html
    )
    data = {
        "plan-measures": "Fix", "plan-department": outsider.department_id, "plan-responsible_person": outsider.pk,
    }  # fmt: skip
    response = client.post(reverse("hazards:hazard_plan", args=[hazard.pk]), data)
    assert response.status_code == 302
    hazard.refresh_from_db()
    assert hazard.responsible_person == outsider
