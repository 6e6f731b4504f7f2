"""Journey across roles: a new hire passes induction (after failing once); the head sees them cleared."""

import pytest
from django.utils import timezone
from pypdf import PdfReader

from apps.organization import hooks
from apps.training.models import ExamAttempt, Requirement
from tests.browser.conftest import login, logout
from tests.organization.factories import DepartmentFactory, UserFactory
from tests.training.factories import RequirementFactory, make_exam_course


def answer(page, attempt, right):
    for item in attempt.items.select_related("question").prefetch_related("question__options"):
        option = next(o for o in item.question.options.all() if o.is_correct == right)
        page.check(f'input[name="q-{item.pk}"][value="{item.token_for_option[option.pk]}"]')
        page.locator(f"#saved-{item.pk}").get_by_text("Saved").wait_for()


@pytest.mark.django_db(transaction=True)
def test_new_hire_fails_then_passes_induction_downloads_the_certificate_and_the_head_sees_them_cleared(
    page, live_server, settings
):
    settings.AXES_ENABLED = False
    department = DepartmentFactory(code="cs-1", name="Customer Service 1", name_zh="客服一部")
    head = UserFactory(username="head", full_name="王芳", department=department)
    department.head = head
    department.save()
    newhire = UserFactory(username="newhire", full_name="张晓雨", department=department, hire_date=timezone.localdate())
    course, _exam = make_exam_course(
        questions=3, pass_mark=100, max_attempts=3, code="induction-fire", name="Fire safety induction"
    )
    RequirementFactory(course=course, trigger=Requirement.Trigger.HIRE)
    hooks.fire_hire(person=newhire, actor=None)

    login(page, live_server, "newhire")
    assert "Not cleared for work" in page.locator("#panel-training-my").inner_text()
    page.click("#nav-training")
    assert "Induction required" in page.locator("#induction-required").inner_text()
    page.locator("#induction-required").get_by_role("link", name="Fire safety induction").click()

    page.click("#start-exam")
    first = ExamAttempt.objects.get(person=newhire, number=1)
    answer(page, first, right=False)
    page.click("#submit-exam")
    page.locator("#result-failed").wait_for()
    assert "0.00 %" in page.locator("#result").inner_text()

    page.click("#retry-exam")
    second = ExamAttempt.objects.get(person=newhire, number=2)
    answer(page, second, right=True)
    page.click("#submit-exam")
    page.locator("#result-passed").wait_for()

    with page.expect_download() as download_info:
        page.click("#download-certificate")
    pdf = PdfReader(download_info.value.path())
    text = "".join(p.extract_text() for p in pdf.pages).replace(" ", "").replace("\n", "")
    assert "张晓雨" in text and "Firesafetyinduction" in text

    logout(page, live_server)
    login(page, live_server, "head")
    page.goto(f"{live_server.url}/training/team/")
    row = page.locator('.team-member[data-username="newhire"]')
    assert row.locator(".clearance").get_attribute("data-cleared") == "yes"
    assert "Cleared for work" in row.inner_text()
