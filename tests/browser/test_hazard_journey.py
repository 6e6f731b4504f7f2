"""The closed loop across four roles in a real browser (R7.3)."""

import pytest

from apps.hazards.models import Hazard
from tests.browser.conftest import login, logout
from tests.core.images import jpeg_bytes
from tests.organization.factories import AreaFactory, DepartmentFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_hazard_goes_from_a_phone_report_to_verified_and_closed(page, phone_page, live_server, settings):
    settings.AXES_ENABLED = False
    department = DepartmentFactory(code="cs-1", name="Customer Service 1", name_zh="客服一部")
    head = UserFactory(username="head", full_name="王芳", department=department)
    department.head = head
    department.save()
    UserFactory(username="employee", full_name="李娜", department=department)
    UserFactory(username="officer", full_name="刘强", role="officer", department=DepartmentFactory(code="safety"))
    area = AreaFactory(department=department, name="Call-centre floor A", name_zh="呼叫中心坐席区 A")

    # 1. The employee reports it from a phone, from the QR poster's link, with a photo.
    login(phone_page, live_server, "employee")
    phone_page.goto(f"{live_server.url}/hazards/report/?area={area.pk}")
    assert phone_page.locator("select[name=area]").input_value() == str(area.pk)
    phone_page.fill("input[name=title]", "Cables across the aisle")
    phone_page.set_input_files(
        "input[name=photos]", files=[{"name": "aisle.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    phone_page.click("#hazard-report-form button[type=submit]")
    phone_page.wait_for_selector("#hazard-title")
    hazard = Hazard.objects.get()
    assert phone_page.locator("#report-photos img").count() == 1
    url = f"{live_server.url}{hazard.get_absolute_url()}"

    # 2. The safety officer assesses it and plans the rectification.
    login(page, live_server, "officer")
    page.goto(url)
    page.select_option("select[name=assess-grade]", "general")
    page.select_option("select[name=assess-category]", "premises")
    page.select_option("select[name=assess-likelihood]", "3")
    page.select_option("select[name=assess-severity]", "4")
    page.click("button[name=submit-assess]")
    page.wait_for_selector("#move-plan")
    page.fill("textarea[name=plan-measures]", "Route the cables under the floor covers")
    page.select_option("select[name=plan-department]", str(department.pk))
    picker = page.locator("#move-plan .person-picker:has(input[name='plan-responsible_person'])")
    picker.locator(".person-picker-input").fill("李娜")
    picker.locator(".person-picker-results button", has_text="李娜").first.click()
    page.click("button[name=submit-plan]")
    page.wait_for_selector("#responsible")
    logout(page, live_server)

    # 3. The responsible person records the rectification.
    phone_page.goto(url)
    phone_page.fill("textarea[name=rectify-note]", "Cables now run under the covers")
    phone_page.click("button[name=submit-rectify]")
    phone_page.wait_for_selector(".status-rectified")

    # 4. The head of the department signs it off.
    login(page, live_server, "head")
    page.goto(url)
    page.click("button[name=submit-sign_off]")
    page.wait_for_selector(".status-signed_off")
    logout(page, live_server)

    # 5. The officer verifies it on site: closed.
    login(page, live_server, "officer")
    page.goto(url)
    page.click("button[name=submit-verify]")
    page.wait_for_selector(".status-closed")
    assert "Closed" in page.locator("#hazard-status").inner_text()
    assert page.locator("#timeline .timeline-entry").count() == 6
    # A closed hazard offers the officer nothing but reopening it.
    assert page.locator(".move-card").evaluate_all("cards => cards.map(c => c.id)") == ["move-reopen"]
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.CLOSED
