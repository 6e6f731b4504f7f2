import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from apps.training.models import Completion
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(employee):
    course = CourseFactory(name="Fire safety basics", name_zh="消防安全基础", validity_months=12)
    return Completion.objects.create(
        person=employee,
        course=course,
        completed_on=timezone.localdate(),
        expires_on=timezone.localdate().replace(year=timezone.localdate().year + 1),
        score=90,
        source=Completion.Source.EXAM,
    )


def test_certificate_pdf_contains_the_chinese_name_course_score_and_code(client, employee, record):
    client.force_login(employee)
    response = client.get(reverse("training:certificate_pdf", args=[record.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = text.replace(" ", "").replace("\n", "")
    assert "李娜" in compact
    assert "Fire safety basics" in text and "消防安全基础" not in compact  # the reader's language only
    assert record.code in compact and "90.00" in text
    assert date_format(record.expires_on, "DATE_FORMAT") in text


def test_the_public_verification_page_confirms_a_code_without_login(client, record):
    response = client.get(reverse("training:verify", args=[record.code]))
    html = response.content.decode()
    assert response.status_code == 200 and "This certificate is valid." in html
    assert "李娜" in html and "Fire safety basics" in html
    assert "90" not in html.split('id="verification"')[1]  # the score stays private
    assert record.person.employee_number not in html


def test_an_unknown_code_is_reported_as_unknown(client, db):
    assert "No certificate has this code." in client.get(reverse("training:verify", args=["NOPE"])).content.decode()


def test_an_unknown_code_answers_not_found_with_the_friendly_page(client, db):
    response = client.get(reverse("training:verify", args=["NOPE"]))
    assert response.status_code == 404
    assert 'id="certificate-unknown"' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_an_expired_certificate_is_reported_as_expired(client, record):
    record.expires_on = timezone.localdate().replace(year=2000)
    record.save()
    assert (
        "This certificate has expired." in client.get(reverse("training:verify", args=[record.code])).content.decode()
    )
