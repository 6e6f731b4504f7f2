"""Journey across roles: the officer publishes a new version of a rule (management approves it) and asks a
department to acknowledge it; the employee acknowledges; the head's page shows one fewer pending."""

import datetime

import pytest
from django.utils import timezone

from apps.regulation.services import shipped_edition_ensure
from tests.browser.conftest import login, logout
from tests.documents.factories import approved_document
from tests.organization.factories import DepartmentFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_officer_publishes_a_new_rule_version_and_the_department_acknowledges_it(page, live_server, settings):
    settings.AXES_ENABLED = False
    shipped_edition_ensure()
    department = DepartmentFactory(code="cs-1", name="Customer Service 1", name_zh="客服一部")
    head = UserFactory(username="head", full_name="王芳", department=department)
    department.head = head
    department.save()
    UserFactory(username="employee", full_name="李娜", department=department)
    safety = DepartmentFactory(code="safety", name="Safety Management")
    officer = UserFactory(username="officer", full_name="刘强", department=safety, role="officer")
    manager = UserFactory(username="manager", full_name="周总", department=safety, role="management")
    document, _v1 = approved_document(officer=officer, manager=manager, body="Keep exits clear.")

    login(page, live_server, "officer")
    page.goto(f"{live_server.url}{document.get_absolute_url()}")
    page.click("#new-version")
    page.fill("#id_body", "Keep exits clear.\n\nTake part in the fire drill twice a year.")
    page.fill("#id_effective_date", (timezone.localdate() + datetime.timedelta(days=1)).isoformat())
    page.fill("#id_change_note", "Drills twice a year")
    page.click("#save-draft")
    page.click("button[name=submit-submit]")
    assert "Under review" in page.locator("#version-status").inner_text()
    version_url = page.url

    logout(page, live_server)
    login(page, live_server, "manager")
    page.goto(version_url)
    page.click("button[name=submit-approve]")
    assert "In force" in page.locator("#version-status").inner_text()

    logout(page, live_server)
    login(page, live_server, "officer")
    page.goto(version_url)
    page.click("#start-campaign")
    page.get_by_label("Customer Service 1").check()
    page.fill("#id_due_date", (timezone.localdate() + datetime.timedelta(days=7)).isoformat())
    page.click("#start")
    campaign_url = page.url
    assert page.locator("#campaign-totals").get_attribute("data-total") == "2"

    logout(page, live_server)
    login(page, live_server, "head")
    page.goto(campaign_url)
    assert page.locator("#head-pending").get_attribute("data-pending") == "2"

    logout(page, live_server)
    login(page, live_server, "employee")
    page.goto(f"{live_server.url}/documents/my/")
    page.locator("#to-acknowledge a").first.click()
    page.click("#acknowledge")
    assert "You acknowledged version 2" in page.locator("#my-acknowledgement").inner_text()

    logout(page, live_server)
    login(page, live_server, "head")
    page.goto(campaign_url)
    assert page.locator("#head-pending").get_attribute("data-pending") == "1"
    assert "李娜" not in page.locator("#pending-list").inner_text()
