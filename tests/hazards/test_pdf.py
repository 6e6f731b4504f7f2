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
