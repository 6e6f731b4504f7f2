import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from apps.hazards.pdf import notice_pdf
from apps.hazards.services import hazard_raise
from tests.hazards.conftest import walk

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _planned(p, area):
    hazard = hazard_raise(title="安全出口被纸箱堵塞", description="三楼东侧", reporter=p["employee"], area=area)
    return walk(hazard, to="plan", officer=p["officer"], head=p["head"], employee=p["employee"])


def test_notice_pdf_contains_the_chinese_title_and_the_responsible_person(personas, area):
    hazard = _planned(personas, area)
    with translation.override("zh-hans"):
        text = _text(notice_pdf(hazard))
    assert "安全出口被纸箱堵塞" in text
    assert "李娜" in text  # the responsible person


def test_notice_is_served_as_pdf_to_who_may_see_the_hazard(client, personas, area, settings):
    settings.AXES_ENABLED = False
    hazard = _planned(personas, area)
    client.force_login(personas["head"])
    response = client.get(reverse("hazards:hazard_notice", args=[hazard.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert hazard.number in _text(response.content)


@pytest.fixture
def company(db):
    from tests.organization.factories import CompanyProfileFactory

    return CompanyProfileFactory()


def _notice_text(hazard, language="zh-hans"):
    from tests.pdf import compact, pdf_text

    return compact(pdf_text(notice_pdf(hazard, language=language)))


def test_notice_has_signature_and_date_lines_for_issuer_recipient_and_acceptance(personas, area, company):
    text = _notice_text(_planned(personas, area))
    for label in ("签发人（签字）", "签收人（签字）", "验收人（签字）"):
        assert label in text
    assert text.count("日期") >= 3
    assert "（盖章）" in text  # room for the seal


def test_notice_names_the_issuing_and_the_recipient_department(personas, area, company):
    from tests.pdf import compact, pdf_text

    hazard = _planned(personas, area)
    lines = [compact(line) for line in pdf_text(notice_pdf(hazard, language="zh-hans"), layout=True).splitlines()]
    # One row: the issuing department is the assessing officer's (safety management), the recipient the
    # responsible department with its responsible person.
    assert "签发部门安全管理部接收部门客服一部·李娜" in lines


def test_notice_carries_number_measures_and_the_deadline_in_the_readers_format(personas, area, company):
    from django.utils.formats import date_format

    hazard = _planned(personas, area)
    text = _notice_text(hazard)
    with translation.override("zh-hans"):
        deadline = date_format(hazard.deadline, "DATE_FORMAT")
    assert "隐患整改通知书" in text and hazard.number in text
    assert "Cleartheboxes" in text  # the measures
    assert f"整改期限{deadline}" in text


def test_notice_is_headed_by_the_company_and_numbers_its_pages(personas, area, company):
    text = _notice_text(_planned(personas, area))
    assert text.startswith("安泰客服有限公司")
    assert "第1页，共1页" in text


def test_notice_in_english_has_the_same_signature_lines(personas, area, company):
    text = _notice_text(_planned(personas, area), language="en")
    for label in ("Issuer(signature)", "Recipient(signature)", "Acceptedby(signature)", "Page1of1"):
        assert label in text
