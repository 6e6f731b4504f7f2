import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.hazards.models import Hazard
from apps.inspections.models import Inspection
from tests.browser.conftest import login, logout
from tests.core.images import png_bytes
from tests.inspections.factories import InspectionFactory, make_template
from tests.organization.factories import AreaFactory, DepartmentFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_inspector_on_a_phone_fails_an_item_with_a_photo_and_the_officer_sees_the_hazard(
    phone_page, live_server, settings
):
    settings.AXES_ENABLED = False
    department = DepartmentFactory(code="cs-1", name="Customer Service 1", name_zh="客服一部")
    head = UserFactory(username="head", full_name="Wang Fang", department=department)
    department.head = head
    department.save()
    UserFactory(username="officer", full_name="Liu Qiang", role="officer")
    area = AreaFactory(department=department, name="Call-centre floor A")
    inspection = InspectionFactory(
        template=make_template(items=3, name="Fire safety walk"),
        inspector=head,
        area=area,
        due_date=timezone.localdate(),
    )
    page = phone_page

    login(page, live_server, "head")
    page.click("#panel-my-inspections a.todays-inspection")
    page.click("#start-inspection")
    rows = page.locator(".result-row")
    expect(rows).to_have_count(3)

    for n in (0, 1):
        rows.nth(n).locator("label.btn-outline-success").click()
        expect(rows.nth(n).locator(".saved-flag")).to_be_visible()
    failing = rows.nth(2)
    failing.locator("label.btn-outline-danger").click()
    expect(page.locator(".result-row").nth(2).locator(".saved-flag")).to_be_visible()
    page.locator(".result-row").nth(2).locator("textarea[name=note]").fill("Gauge needle in the red")
    page.locator(".result-row").nth(2).locator("input[type=file]").set_input_files(
        files=[{"name": "gauge.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    expect(page.locator(".result-row").nth(2).locator(".photos img")).to_have_count(1)
    # Resume later: a reload shows what was saved.
    page.reload()
    expect(page.locator('.result-row[data-outcome="fail"] .photos img')).to_have_count(1)
    expect(page.locator('.result-row[data-outcome="fail"] textarea[name=note]')).to_have_value(
        "Gauge needle in the red"
    )

    page.click("#finish-inspection")
    expect(page.locator("#inspection-status")).to_have_text("Finished")
    hazard_link = page.locator('.result-row[data-outcome="fail"] a.hazard-link')
    expect(hazard_link).to_have_count(1)

    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.FINISHED and inspection.signature_name == "Wang Fang"
    hazard = Hazard.objects.get()
    assert hazard_link.inner_text() == hazard.number

    logout(page, live_server)
    login(page, live_server, "officer")
    page.goto(f"{live_server.url}/hazards/")
    expect(page.locator("main")).to_contain_text(hazard.number)
