"""Responsibilities across roles in a real browser (R2.1.3, R2.3.1)."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from apps.responsibilities.models import Action, Statement
from tests.browser.conftest import login, logout
from tests.organization.factories import DepartmentFactory, UserFactory


@pytest.fixture
def people():
    department = DepartmentFactory(code="cs-1", name="Customer Service 1", name_zh="客服一部")
    head = UserFactory(username="head", full_name="王芳", department=department)
    department.head = head
    department.save()
    employee = UserFactory(username="employee", full_name="李娜", department=department)
    officer = UserFactory(
        username="officer", full_name="刘强", role="officer", department=DepartmentFactory(code="safety")
    )
    UserFactory(username="manager", full_name="周总", role="management", department=DepartmentFactory(code="gm"))
    return {"head": head, "employee": employee, "officer": officer}


def _pick(page, form, field, name):
    """Choose a person in an autocomplete picker by typing part of the name."""
    picker = page.locator(f"{form} .person-picker:has(input[name={field}])")
    picker.locator(".person-picker-input").fill(name)
    picker.locator(".person-picker-results button", has_text=name).first.click()


@pytest.mark.django_db(transaction=True)
def test_a_meeting_decision_becomes_the_heads_action_item_done_from_their_home_page(
    page, live_server, people, settings
):
    settings.AXES_ENABLED = False
    # 1. The safety officer drafts a meeting and records a decision with an action item for the head.
    login(page, live_server, "officer")
    page.goto(f"{live_server.url}/responsibilities/meetings/new/")
    page.select_option("select[name=type]", "committee")
    page.fill("input[name=title]", "Q1 safety committee")
    starts = timezone.localtime() + datetime.timedelta(days=3)
    page.fill("input[name=starts_at]", f"{starts:%Y-%m-%dT10:00}")
    page.click("#meeting-form button")
    page.wait_for_selector("#meeting-title")
    page.fill("#decision-form textarea[name=text]", "Replace the expired extinguishers on floor 5")
    page.fill("#decision-form input[name=action_title]", "Replace 12 extinguishers")
    _pick(page, "#decision-form", "owner", "王芳")
    page.fill("#decision-form input[name=due_date]", f"{timezone.localdate() + datetime.timedelta(days=7):%Y-%m-%d}")
    page.click("#decision-form button[name=add-decision]")
    page.wait_for_selector(".action-item")
    assert "Replace 12 extinguishers" in page.inner_text("#decisions")
    logout(page, live_server)

    # 2. The head finds it on the home page and completes it with a note.
    login(page, live_server, "head")
    page.click("#panel-my-actions a.my-action")
    page.wait_for_selector("#action-title")
    page.fill("textarea[name=done-note]", "All 12 replaced, receipts filed")
    page.click("button[name=submit-done]")
    page.wait_for_selector("#action-status .status-done")
    assert Action.objects.get().status == Action.Status.DONE


@pytest.mark.django_db(transaction=True)
def test_the_employee_signs_the_head_countersigns_and_the_pdf_shows_both(page, live_server, people, settings):
    settings.AXES_ENABLED = False
    year = timezone.localdate().year
    # The officer issues this year's statements.
    login(page, live_server, "officer")
    page.goto(f"{live_server.url}/responsibilities/statements/?year={year}")
    page.click("#issue-form button")
    page.wait_for_selector("#completion")
    logout(page, live_server)

    # The employee reads and signs from the home page by typing their name.
    login(page, live_server, "employee")
    page.click("#sign-my-statement")
    page.wait_for_selector("#statement-text")
    assert "李娜" in page.inner_text("#statement-text")
    page.check("input[name=sign-confirm_read]")
    page.fill("input[name=sign-typed_name]", "李娜")
    page.click("button[name=submit-sign]")
    page.wait_for_selector("#statement-status .status-signed")
    logout(page, live_server)

    # The head countersigns.
    login(page, live_server, "head")
    page.goto(f"{live_server.url}/responsibilities/statements/")
    page.click("#to-countersign a")
    page.fill("input[name=countersign-typed_name]", "王芳")
    page.click("button[name=submit-countersign]")
    page.wait_for_selector("#statement-status .status-countersigned")
    statement = Statement.objects.get(person=people["employee"])
    assert statement.status == Statement.Status.COUNTERSIGNED

    # The PDF carries both names.
    response = page.request.get(f"{live_server.url}/responsibilities/statements/{statement.pk}/statement.pdf")
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "李娜" in text and "王芳" in text
