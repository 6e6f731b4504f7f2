"""An injury from report to closure, across four roles (R5.2): phone report → inboxes → response,
investigation and action → owner completes → effectiveness check → closed."""

import pytest
from django.utils import timezone

from apps.incidents.models import CorrectiveAction, Incident
from tests.browser.conftest import login, logout
from tests.emergency.factories import shipped_plan
from tests.organization.factories import AreaFactory, DepartmentFactory, UserFactory


def _pick(page, scope, field, name):
    """Choose a person in an autocomplete picker by typing part of the name."""
    picker = page.locator(f"{scope} .person-picker:has(input[name='{field}'])")
    picker.locator(".person-picker-input").fill(name)
    picker.locator(".person-picker-results button", has_text=name).first.click()


@pytest.mark.django_db(transaction=True)
def test_an_injury_goes_from_a_phone_report_to_a_closed_incident(page, phone_page, live_server, settings):
    settings.AXES_ENABLED = False
    department = DepartmentFactory(code="cs-1", name="Customer Service 1")
    head = UserFactory(username="head", full_name="Wang Fang", department=department)
    department.head = head
    department.save()
    UserFactory(username="employee", full_name="Li Na", department=department)
    UserFactory(username="officer", full_name="Liu Qiang", role="officer")
    area = AreaFactory(name="Pantry", department=department)
    shipped_plan("fire")
    today = timezone.localdate().isoformat()

    # 1. The employee reports an injury from a phone.
    login(phone_page, live_server, "employee")
    phone_page.goto(f"{live_server.url}/incidents/report/?area={area.pk}")
    phone_page.select_option("#id_type", "injury")
    phone_page.fill("#id_description", "Slipped on the wet pantry floor and hurt my wrist.")
    phone_page.fill("#id_immediate_actions", "First-aider applied ice.")
    _pick(phone_page, "#people-forms", "people-0-person", "Li Na")
    phone_page.fill("#id_people-0-injury_nature", "sprain")
    phone_page.fill("#id_people-0-body_part", "left wrist")
    phone_page.select_option("#id_people-0-treatment", "medical")
    phone_page.fill("#id_people-0-lost_work_days", "1")
    phone_page.click("text=Send report")
    phone_page.wait_for_url("**/incidents/*/")
    incident = Incident.objects.get()
    assert incident.people.get().body_part == "left wrist"

    # 2. The head and the officer find it in their inboxes.
    for username in ("head", "officer"):
        logout(page, live_server)
        login(page, live_server, username)
        page.goto(f"{live_server.url}/notifications/")
        assert f"Incident reported: {incident.number}" in page.inner_text("main")

    # 3. The officer opens it from the inbox, activates the fire plan, investigates and adds an action.
    page.click(f"text=Incident reported: {incident.number}")
    page.wait_for_url(f"**/incidents/{incident.pk}/")
    page.select_option("#plan_plan", label="Fire emergency plan")
    page.click("text=Activate plan")
    assert "Fire emergency plan" in page.inner_text("#activated-plan")
    page.click("#incident-moves button[name=submit-investigate]")
    assert page.inner_text("#incident-status") == "Under investigation"
    page.click("text=Edit investigation")
    page.select_option("#inv_cause_method", "five_whys")
    page.fill("#inv_why_1", "The floor was wet after mopping")
    page.fill("#inv_why_2", "No wet-floor sign was put out")
    page.fill("#inv_root_cause", "The cleaning procedure has no wet-floor sign step.")
    page.click("text=Save investigation")
    assert "no wet-floor sign step" in page.inner_text("#root-cause")
    page.fill("#action_description", "Put wet-floor signs in the pantry and add them to the cleaning checklist.")
    _pick(page, "#action-form", "owner", "Li Na")
    page.fill("#action_due_date", today)
    page.fill("#action_check_due", today)
    page.click("#action-form >> text=Add action")
    assert page.inner_text("#incident-status") == "Actions in progress"

    # 4. The owner completes the action (on the phone).
    phone_page.goto(f"{live_server.url}{incident.get_absolute_url()}")
    phone_page.fill(".complete-form textarea[name=complete-evidence]", "Two signs bought; checklist updated.")
    phone_page.click(".complete-form button[name=submit-complete]")
    phone_page.wait_for_selector(".action-row[data-status=done]")

    # 5. The officer checks effectiveness and closes the incident.
    page.goto(f"{live_server.url}{incident.get_absolute_url()}")
    page.fill(".check-form textarea[name=confirm_effective-comment]", "Signs in use; no slips this week.")
    page.click(".check-form button[name=submit-confirm_effective]")
    page.wait_for_selector(".action-row[data-status=closed]")
    page.click("#incident-moves button[name=submit-close]")
    assert page.inner_text("#incident-status") == "Closed"
    incident.refresh_from_db()
    assert incident.status == Incident.Status.CLOSED and incident.plan.code == "fire"
    assert CorrectiveAction.objects.get().checked_by.username == "officer"


@pytest.mark.django_db(transaction=True)
def test_a_near_miss_with_nobody_involved_is_reported_from_a_phone(phone_page, live_server, settings):
    """The empty person row the form starts with is left untouched: it must not demand a person (issue 10)."""
    settings.AXES_ENABLED = False
    UserFactory(username="employee", full_name="Li Na", department=DepartmentFactory(code="cs-1"))
    area = AreaFactory(name="Archive room")
    login(phone_page, live_server, "employee")
    phone_page.goto(f"{live_server.url}/incidents/report/?area={area.pk}")
    assert phone_page.locator(".person-form").count() == 1
    phone_page.select_option("#id_type", "near_miss")
    phone_page.fill("#id_description", "A box fell from the top shelf; nobody was near.")
    phone_page.click("text=Send report")
    phone_page.wait_for_url("**/incidents/*/")
    incident = Incident.objects.get()
    assert (incident.type, incident.area, incident.people.count()) == ("near_miss", area, 0)
