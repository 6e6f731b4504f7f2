import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from apps.inspections import services
from tests.inspections.factories import InspectionFactory, make_template
from tests.organization.factories import AreaFactory


@pytest.mark.django_db
def test_report_pdf_of_a_zh_hans_inspection_contains_the_chinese_item_texts(head, department, client):
    head.language = "zh-hans"
    head.save()
    template = make_template(items=3)
    inspection = InspectionFactory(template=template, inspector=head, area=AreaFactory(department=department))
    services.inspection_start(inspection=inspection, user=head)
    for n, result in enumerate(inspection.results.order_by("pk")):
        services.inspection_result_save(result=result, user=head, outcome="fail" if n == 0 else "pass", note="漏电")
    services.inspection_finish(inspection=inspection, user=head, signature_name="王芳")
    client.force_login(head)
    response = client.get(f"/inspections/{inspection.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = text.replace(" ", "").replace("\n", "")
    for n in (1, 2, 3):
        assert f"检查项{n}" in text
    assert "王芳" in text
    hazard_number = inspection.results.get(outcome="fail").hazard.number
    assert hazard_number.replace(" ", "") in text
    translation.activate("en")
