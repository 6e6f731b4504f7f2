"""Training materials (issue 10): type by content, served as a download with nosniff, refused files are
form errors, and the people the course is for can open them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.core.models import Attachment
from apps.training import services
from apps.training.models import Assignment, Material
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode."


@pytest.fixture
def course(db):
    return CourseFactory(code="fire-safety", name="Fire safety")


def _post_material(client, course, name, data, content_type):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(reverse("training:material_add", args=[course.pk]), {"title": "Handbook", "file": upload})


def _material_with_pdf(course, officer, client_type="application/pdf"):
    upload = SimpleUploadedFile("Fire handbook.pdf", PDF, content_type=client_type)
    return services.material_add(user=officer, course=course, title="Fire handbook", upload=upload)


def _assign(person, course):
    return Assignment.objects.create(
        person=person, course=course, due_date=timezone.localdate(), reason=Assignment.Reason.MANUAL
    )


@pytest.mark.parametrize(
    "name, data, content_type",
    [("diagram.svg", SVG, "image/svg+xml"), ("page.html", HTML, "text/html"), ("setup.exe", EXE, "image/png")],
)
def test_svg_html_or_program_upload_is_a_form_error_and_nothing_is_saved(
    client, officer, course, name, data, content_type
):
    client.force_login(officer)

    response = _post_material(client, course, name, data, content_type)

    assert response.status_code == 200
    assert "not a file type we accept" in str(response.context["form"].errors["file"])
    assert not Material.objects.exists() and not Attachment.objects.exists()


def test_material_service_refuses_a_bad_file_with_an_application_error(officer, course):
    from apps.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError):
        services.material_add(
            user=officer, course=course, title="x", upload=SimpleUploadedFile("x.svg", SVG, "image/svg+xml")
        )
    assert not Material.objects.exists()


def test_material_is_stored_with_the_type_detected_from_its_content(officer, course):
    material = _material_with_pdf(course, officer, client_type="text/html")

    assert Attachment.objects.get(object_id=material.pk, role="material").mime_type == "application/pdf"


def test_officer_downloads_a_material_as_an_attachment_with_its_detected_type(client, officer, course):
    material = _material_with_pdf(course, officer, client_type="text/html")
    client.force_login(officer)

    response = client.get(reverse("training:material_file", args=[material.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="fire-handbook.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_the_shared_attachment_link_opens_a_material_for_the_officer(client, officer, course):
    material = _material_with_pdf(course, officer)
    attachment = Attachment.objects.get(object_id=material.pk, role="material")
    client.force_login(officer)

    response = client.get(reverse("core:attachment", args=[attachment.token]))

    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")


def test_assigned_employee_and_their_head_open_the_material_others_do_not(
    client, officer, employee, head, outsider, other_head, course
):
    material = _material_with_pdf(course, officer)
    _assign(employee, course)
    url = reverse("training:material_file", args=[material.pk])

    statuses = {}
    for person in (employee, head, outsider, other_head):
        client.force_login(person)
        statuses[person.username] = client.get(url).status_code

    assert statuses == {"employee": 200, "head": 200, "outsider": 404, "other_head": 404}


def test_course_page_links_the_material_for_its_audience(client, officer, employee, course):
    material = _material_with_pdf(course, officer)
    _assign(employee, course)
    client.force_login(employee)

    html = client.get(course.get_absolute_url()).content.decode()

    assert reverse("training:material_file", args=[material.pk]) in html


def test_course_page_shows_only_material_titles_to_people_it_is_not_for(client, officer, outsider, course):
    material = _material_with_pdf(course, officer)
    client.force_login(outsider)

    html = client.get(course.get_absolute_url()).content.decode()

    assert "Fire handbook" in html
    assert reverse("training:material_file", args=[material.pk]) not in html
    assert 'id="materials-closed"' in html


def test_old_material_with_a_browser_given_html_type_is_served_as_an_opaque_download(client, officer, course):
    material = _material_with_pdf(course, officer)
    Attachment.objects.filter(object_id=material.pk, role="material").update(mime_type="text/html")
    client.force_login(officer)

    response = client.get(reverse("training:material_file", args=[material.pk]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_course_page_query_count_does_not_grow_with_materials(client, officer, employee, course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _assign(employee, course)
    client.force_login(employee)

    def queries_with(n):
        while course.materials.count() < n:
            _material_with_pdf(course, officer)
        client.get(course.get_absolute_url())  # warm the session and content-type caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(course.get_absolute_url()).status_code == 200
        return len(captured)

    assert queries_with(1) == queries_with(5)
