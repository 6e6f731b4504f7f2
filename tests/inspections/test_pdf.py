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


def _finished_report(client, head, department, *, language="zh-hans"):
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    head.language = language
    head.save()
    area = AreaFactory(department=department, name="Call centre hall", name_zh="呼叫中心大厅")
    due = timezone.localdate() + datetime.timedelta(days=9)  # carried out well before it was due
    inspection = InspectionFactory(template=make_template(items=2), inspector=head, area=area, due_date=due)
    services.inspection_start(inspection=inspection, user=head)
    for result in inspection.results.all():
        services.inspection_result_save(result=result, user=head, outcome="pass")
    services.inspection_finish(inspection=inspection, user=head, signature_name="王芳")
    inspection.refresh_from_db()
    client.force_login(head)
    return inspection, client.get(reverse("inspections:inspection_report", args=[inspection.pk])).content


@pytest.mark.django_db
def test_report_shows_the_date_the_inspection_was_carried_out_besides_the_due_date(head, department, client):
    from django.utils import timezone
    from django.utils.formats import date_format

    from tests.pdf import compact, pdf_text

    inspection, pdf = _finished_report(client, head, department)
    lines = [compact(line) for line in pdf_text(pdf, layout=True).splitlines()]
    with translation.override("zh-hans"):
        started = date_format(timezone.localtime(inspection.started_at), "DATETIME_FORMAT")
        due = date_format(inspection.due_date, "DATE_FORMAT")
    assert any(line.startswith("实施时间" + compact(started)) for line in lines)
    assert "截止日期" + compact(due) in lines


@pytest.mark.django_db
def test_report_names_the_inspector_and_the_area_and_labels_every_column(head, department, client):
    from tests.pdf import compact, pdf_text

    _inspection, pdf = _finished_report(client, head, department)
    lines = [compact(line) for line in pdf_text(pdf, layout=True).splitlines()]
    assert "检查人王芳" in lines
    assert any(line.startswith("区域") and line.endswith("呼叫中心大厅") for line in lines)
    assert "检查项目结果发现隐患" in lines  # the header of the results table
