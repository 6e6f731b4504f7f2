"""The training certificate as a document a company would hand out: issuer, signature line, seal,
verification code and a QR code of the public verification URL (read back with pdftotext/pypdf)."""

import io

import pytest
import segno
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from apps.training.models import Completion
from tests.organization.factories import CompanyProfileFactory
from tests.pdf import compact, pdf_text
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(employee):
    course = CourseFactory(name="Fire safety basics", name_zh="消防安全基础", validity_months=12)
    return Completion.objects.create(
        person=employee, course=course, completed_on=timezone.localdate(), score=90, source=Completion.Source.EXAM
    )


def _download(client, person, record, language="zh-hans"):
    person.language = language
    person.save(update_fields=["language"])
    client.force_login(person)
    response = client.get(reverse("training:certificate_pdf", args=[record.pk]))
    assert response.status_code == 200
    return response.content


def test_certificate_is_issued_by_the_company_with_signature_date_and_seal(client, employee, record):
    company = CompanyProfileFactory()
    text = compact(pdf_text(_download(client, employee, record)))
    assert f"发证单位：{company.name_zh}" in text
    assert "授权签发人（签字）" in text and "日期" in text and "（盖章）" in text
    assert "第1页，共1页" in text


def test_certificate_carries_the_verification_code_and_the_verify_url(client, employee, record):
    text = compact(pdf_text(_download(client, employee, record)))
    assert record.code in text
    assert reverse("training:verify", args=[record.code]) in text


def test_certificate_qr_code_encodes_the_public_verify_url(client, employee, record):
    pdf = _download(client, employee, record)
    url = "http://testserver" + reverse("training:verify", args=[record.code])
    expected = [list(row) for row in segno.make(url, error="m").matrix]
    images = PdfReader(io.BytesIO(pdf)).pages[0].images
    assert len(images) == 1
    qr = images[0].image.convert("L")
    size, border = len(expected), 2
    scale = qr.size[0] // (size + 2 * border)
    read = [
        [qr.getpixel(((c + border) * scale + scale // 2, (r + border) * scale + scale // 2)) < 128 for c in range(size)]
        for r in range(size)
    ]
    assert read == [[bool(v) for v in row] for row in expected]


def test_certificate_names_the_trainer_of_the_session_it_came_from(client, employee, record, head):
    from tests.training.factories import SessionFactory

    record.session = SessionFactory(course=record.course, trainer=head)
    record.save()
    text = compact(pdf_text(_download(client, employee, record)))
    assert "培训讲师王芳" in text


def test_certificate_shows_the_course_in_the_readers_language_only(client, employee, record):
    text = compact(pdf_text(_download(client, employee, record)))
    assert "消防安全基础" in text and "Firesafetybasics" not in text
