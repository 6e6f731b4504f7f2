"""Every PDF the app prints shares one shape: the company letterhead (name in the reader's language,
address, logo), a footer with the generation time and "第 1 页，共 N 页" / "Page 1 of N", and
organisation names in the reader's language. Read back with pdftotext (tests/pdf.py)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from apps.hazards.services import hazard_raise
from apps.inspections import services as inspection_services
from apps.organization.services import company_profile_update
from apps.training.models import Completion
from tests.core.images import png_bytes
from tests.emergency.factories import TeamMemberFactory
from tests.hazards.conftest import walk
from tests.incidents.factories import ActionFactory, IncidentFactory, InvolvedPersonFactory
from tests.inspections.factories import InspectionFactory, make_template
from tests.organization.factories import AreaFactory, CompanyProfileFactory, FloorFactory, SiteFactory
from tests.pdf import compact, pdf_pages, pdf_text
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db

DOCUMENTS = ["notice", "certificate", "inspection", "incident", "roster"]


@pytest.fixture
def area(department):
    site = SiteFactory(name="Pudong office", name_zh="浦东办公区")
    floor = FloorFactory(site=site, name="Tower 5F", name_zh="大厦五层")
    return AreaFactory(floor=floor, department=department, name="Call centre hall", name_zh="呼叫中心大厅")


@pytest.fixture
def documents(personas, area):
    """One of each printable record, all in the department 客服一部 (Customer Service 1) and its area."""
    employee, head, officer = personas["employee"], personas["head"], personas["officer"]
    hazard = hazard_raise(title="安全出口被纸箱堵塞", description="三楼东侧", reporter=employee, area=area)
    hazard = walk(hazard, to="plan", officer=officer, head=head, employee=employee)
    course = CourseFactory(name="Fire safety basics", name_zh="消防安全基础")
    record = Completion.objects.create(
        person=employee, course=course, completed_on=timezone.localdate(), score=90, source=Completion.Source.EXAM
    )
    inspection = InspectionFactory(template=make_template(items=2), inspector=head, area=area)
    inspection_services.inspection_start(inspection=inspection, user=head)
    for result in inspection.results.all():
        inspection_services.inspection_result_save(result=result, user=head, outcome="pass")
    inspection_services.inspection_finish(inspection=inspection, user=head, signature_name="王芳")
    incident = IncidentFactory(reporter=employee, area=area, description="员工在茶水间门口滑倒。")
    InvolvedPersonFactory(incident=incident, person=employee)
    ActionFactory(incident=incident, owner=head)
    TeamMemberFactory(person=head, site=area.floor.site)
    return {
        "notice": reverse("hazards:hazard_notice", args=[hazard.pk]),
        "certificate": reverse("training:certificate_pdf", args=[record.pk]),
        "inspection": reverse("inspections:inspection_report", args=[inspection.pk]),
        "incident": reverse("incidents:incident_pdf", args=[incident.pk]),
        "roster": reverse("emergency:team_roster"),
    }


def _download(client, user, url, language="zh-hans"):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


@pytest.fixture
def company(db):
    return CompanyProfileFactory()


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_every_pdf_is_headed_with_the_companys_chinese_name_and_address_for_a_chinese_reader(
    doc, client, documents, officer, company
):
    text = compact(pdf_text(_download(client, officer, documents[doc])))
    assert compact(company.name_zh) in text
    assert compact(company.address_zh) in text
    assert company.name not in text


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_every_pdf_is_headed_with_the_companys_english_name_for_an_english_reader(
    doc, client, documents, officer, company
):
    text = pdf_text(_download(client, officer, documents[doc], language="en"))
    assert company.name in text
    assert company.name_zh not in compact(text)


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_every_pdf_numbers_its_pages_in_the_readers_language(doc, client, documents, officer, company):
    pdf = _download(client, officer, documents[doc])
    pages = pdf_pages(pdf)
    total = len(PdfReader(io.BytesIO(pdf)).pages)
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页，共{total}页" in compact(page)


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_every_pdf_footer_says_when_it_was_generated_in_the_readers_date_format(
    doc, client, documents, officer, company
):
    text = compact(pdf_text(_download(client, officer, documents[doc])))
    with translation.override("zh-hans"):
        today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert compact(f"生成时间：{today}") in text


def test_an_english_pdf_numbers_its_pages_page_n_of_m(client, documents, officer, company):
    text = pdf_text(_download(client, officer, documents["notice"], language="en"))
    assert "Page 1 of 1" in text


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_every_pdf_prints_organisation_names_in_chinese_for_a_chinese_reader(doc, client, documents, officer, company):
    text = compact(pdf_text(_download(client, officer, documents[doc])))
    assert "客服一部" in text  # the department, on every document
    assert "Customer Service 1" not in text
    assert "Pudong office" not in text and "Call centre hall" not in text


@pytest.mark.parametrize("doc", ["notice", "inspection", "incident"])
def test_pdfs_that_name_a_place_print_the_chinese_site_and_area(doc, client, documents, officer, company):
    text = compact(pdf_text(_download(client, officer, documents[doc])))
    assert "浦东办公区" in text and "呼叫中心大厅" in text


def test_without_a_company_profile_pdfs_fall_back_to_the_configured_company_name(client, documents, officer, settings):
    settings.COMPANY_NAME = "Fallback Trading Ltd."
    text = pdf_text(_download(client, officer, documents["notice"]))
    assert "Fallback Trading Ltd." in text


def test_the_company_logo_is_printed_in_the_letterhead(client, documents, officer, company):
    before = len(PdfReader(io.BytesIO(_download(client, officer, documents["roster"]))).pages[0].images)
    logo = SimpleUploadedFile("logo.png", png_bytes(size=(200, 80)), content_type="image/png")
    company_profile_update(actor=officer, data={}, logo=logo)
    after = len(PdfReader(io.BytesIO(_download(client, officer, documents["roster"]))).pages[0].images)
    assert after == before + 1


def test_a_pdf_rendered_for_another_reader_uses_their_language(documents, personas, company):
    from apps.hazards.models import Hazard
    from apps.hazards.pdf import notice_pdf

    hazard = Hazard.objects.get()
    with translation.override("en"):
        text = compact(pdf_text(notice_pdf(hazard, language="zh-hans")))
    assert compact(company.name_zh) in text and "第1页，共1页" in text


def test_generation_time_uses_the_local_time_zone(client, documents, officer, company, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 2, 6, 5, tzinfo=datetime.UTC))  # 14:05 in Shanghai
    text = compact(pdf_text(_download(client, officer, documents["roster"], language="en")))
    assert "Generated2Dec202614:05" in text
