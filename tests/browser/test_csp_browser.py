"""The main pages still work under the Content-Security-Policy, and the browser reports no violation.

Every page records ``securitypolicyviolation`` events (collected by an init script, which the policy
does not govern) and the console's CSP errors; each step also uses the page's script (language
switch, photo upload, htmx saves, exam countdown, adding a person row)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.hazards.models import Hazard
from tests.browser.conftest import login, logout
from tests.core.images import jpeg_bytes
from tests.inspections.factories import InspectionFactory, make_template
from tests.organization.factories import AreaFactory, DepartmentFactory, UserFactory
from tests.training.factories import make_exam_course

COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
});
"""


class Watch:
    """CSP violations and console CSP errors seen on a page, plus each document's policy header."""

    def __init__(self, page):
        self.page = page
        self.console = []
        self.policies = []
        page.context.add_init_script(COLLECT_VIOLATIONS)
        page.on("console", self._console)
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.console.append(message.text)

    def _response(self, response):
        if response.request.resource_type == "document":
            self.policies.append(response.headers.get("content-security-policy", ""))

    def check(self, where):
        violations = self.page.evaluate("window.__csp || []")
        assert not violations and not self.console, f"{where}: {violations} {self.console}"
        assert self.policies and all("script-src 'self'" in p for p in self.policies), f"{where}: {self.policies}"


@pytest.mark.django_db(transaction=True)
def test_main_pages_work_under_the_content_security_policy_without_violations(page, live_server, settings):
    settings.AXES_ENABLED = False
    department = DepartmentFactory(code="cs-1", name="Customer Service 1", name_zh="客服一部")
    head = UserFactory(username="head", full_name="Wang Fang", department=department)
    department.head = head
    department.save()
    UserFactory(username="employee", full_name="Li Na", department=department)
    area = AreaFactory(department=department, name="Call-centre floor A")
    InspectionFactory(
        template=make_template(items=2, name="Fire safety walk"),
        inspector=head,
        area=area,
        due_date=timezone.localdate(),
    )
    make_exam_course(questions=2, code="fire-induction", name="Fire safety induction")
    watch = Watch(page)

    # Home, and the language switch (a select that submits its form).
    login(page, live_server, "employee")
    watch.check("home")
    page.select_option("#language-select", "zh-hans")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.select_option("#language-select", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    watch.check("language switch")

    # Hazard report with a photo, then the hazard's page.
    page.goto(f"{live_server.url}/hazards/report/?area={area.pk}")
    page.fill("input[name=title]", "Cables across the aisle")
    page.set_input_files(
        "input[name=photos]", files=[{"name": "aisle.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    page.click("#hazard-report-form button[type=submit]")
    page.wait_for_selector("#hazard-title")
    expect(page.locator("#report-photos img")).to_have_count(1)
    assert Hazard.objects.count() == 1
    watch.check("hazard report and detail")

    # Exam: the countdown runs from a static file and answers are saved through htmx.
    page.goto(f"{live_server.url}/training/")
    page.get_by_role("link", name="Fire safety induction").click()
    page.click("#start-exam")
    expect(page.locator("#countdown")).to_have_text(re.compile(r"^\d+:\d\d$"))
    first = page.locator(".exam-question").first
    first.locator("input").first.check()
    expect(first.locator(".saved-status")).to_contain_text("Saved")
    watch.check("exam")

    # Incident report: "Add another person" appends a row from the template.
    page.goto(f"{live_server.url}/incidents/report/")
    rows = page.locator("#people-forms .person-form")
    before = rows.count()
    page.click("#add-person")
    expect(rows).to_have_count(before + 1)
    watch.check("incident report")
    logout(page, live_server)

    # Inspection run: the head records a result, saved through htmx.
    login(page, live_server, "head")
    page.click("#panel-my-inspections a.todays-inspection")
    page.click("#start-inspection")
    row = page.locator(".result-row").first
    row.locator("label.btn-outline-success").click()
    expect(row.locator(".saved-flag")).to_be_visible()
    watch.check("inspection run")
