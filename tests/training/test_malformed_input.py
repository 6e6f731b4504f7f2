"""Malformed input on the training pages is refused with a message, never a 500 (issue 9)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.training import services
from apps.training.models import Course, Material, PlanLine, Requirement
from tests.malformed import error_messages
from tests.organization.factories import DepartmentFactory
from tests.training.factories import CourseFactory, SessionFactory, make_exam_course

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["0", "99999"])
def test_year_out_of_range_is_refused_by_the_plan_line_form(client, officer, year):
    course = CourseFactory()
    client.force_login(officer)
    data = {"year": year, "month": "3", "course": course.pk, "method": "classroom"}
    response = client.post(reverse("training:plan_line_create"), data)
    assert response.status_code == 200 and "year" in response.context["form"].errors
    assert not PlanLine.objects.exists()


def test_a_plan_line_in_year_99999_cannot_be_saved_even_past_the_form():
    course = CourseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanLine.objects.create(year=99999, month=3, course=course, method="classroom")


@pytest.mark.parametrize("year", ["99999", "-1", str(2**63), "abc"])
def test_the_plan_page_for_a_year_out_of_range_shows_this_year_and_says_why(client, officer, year):
    client.force_login(officer)
    response = client.get(reverse("training:plan"), {"year": year})
    assert response.status_code == 200 and response.context["year"] == timezone.localdate().year
    assert error_messages(response)


@pytest.mark.parametrize("department", ["abc", str(2**63)])
def test_a_malformed_department_on_the_team_page_shows_the_team_and_the_filter_error(client, officer, department):
    client.force_login(officer)
    response = client.get(reverse("training:team"), {"department": department})
    assert response.status_code == 200
    assert any("Filter not applied" in e for e in error_messages(response))


@pytest.mark.parametrize("field", ["departments", "posts"])
def test_an_id_beyond_64_bits_in_a_requirement_is_a_form_error(client, officer, field):
    course = CourseFactory()
    client.force_login(officer)
    data = {"course": course.pk, "trigger": "hire", "audience": "all", "due_days": 14, "renew_lead_days": 30}
    response = client.post(reverse("training:requirement_create"), {**data, field: [str(2**63)]})
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Requirement.objects.exists()


@pytest.mark.parametrize("person", ["abc", "", str(2**63)])
def test_assign_again_with_a_malformed_person_answers_not_found(client, officer, person):
    course = CourseFactory()
    client.force_login(officer)
    response = client.post(reverse("training:assignment_again"), {"person": person, "course": course.pk})
    assert response.status_code == 404


def test_attendance_for_a_malformed_person_answers_not_found(client, officer):
    session = SessionFactory()
    client.force_login(officer)
    response = client.post(reverse("training:session_attendance", args=[session.pk]), {"person": "abc"})
    assert response.status_code == 404


def test_an_answer_for_a_malformed_question_id_is_refused_with_a_message(client, employee):
    course, _exam = make_exam_course(code="malformed-exam")
    attempt = services.exam_attempt_start(user=employee, course=course)
    client.force_login(employee)
    response = client.post(reverse("training:attempt_answer", args=[attempt.pk]) + "?item=abc", {"q-abc": "1"})
    assert response.status_code == 200 and "not part of the attempt" in response.content.decode()


@pytest.mark.parametrize(
    "upload",
    [
        ("photo.jpg", b"this is not an image", "image/jpeg"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "image/svg+xml"),
    ],
)
def test_course_material_that_claims_to_be_an_image_must_be_one(client, officer, upload):
    course = CourseFactory()
    client.force_login(officer)
    name, content, content_type = upload
    data = {"title": "Poster", "file": SimpleUploadedFile(name, content, content_type=content_type)}
    response = client.post(reverse("training:material_add", args=[course.pk]), data)
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not Material.objects.exists()


def test_course_material_over_the_upload_limit_is_a_form_error(client, officer, settings):
    settings.ANQUAN_MAX_UPLOAD_MB = 1
    course = CourseFactory()
    client.force_login(officer)
    big = SimpleUploadedFile("handbook.pdf", b"%PDF" + b"0" * (1024 * 1024), content_type="application/pdf")
    response = client.post(reverse("training:material_add", args=[course.pk]), {"title": "Handbook", "file": big})
    assert response.status_code == 200 and "too large" in str(response.context["form"].errors["file"])
    assert not Material.objects.exists()


def test_a_course_valid_for_a_million_months_is_refused(client, officer):
    client.force_login(officer)
    data = {"code": "c-1", "name": "Fire", "category": "fire", "method": "online", "duration_minutes": 60}
    response = client.post(reverse("training:course_create"), {**data, "validity_months": "1000000"})
    assert response.status_code == 200 and "validity_months" in response.context["form"].errors
    assert not Course.objects.filter(code="c-1").exists()


def test_the_plan_line_form_refuses_departments_beyond_64_bits(client, officer):
    course = CourseFactory()
    DepartmentFactory()
    client.force_login(officer)
    data = {"year": "2026", "month": "3", "course": course.pk, "method": "classroom", "departments": [str(2**63)]}
    response = client.post(reverse("training:plan_line_create"), data)
    assert response.status_code == 200 and "departments" in response.context["form"].errors


def test_a_cancel_comment_with_a_nul_byte_is_kept_without_it(client, officer, employee):
    from apps.core.selectors import timeline_for
    from apps.training.models import Assignment

    course = CourseFactory()
    assignment = Assignment.objects.create(
        person=employee, course=course, due_date=timezone.localdate(), reason=Assignment.Reason.MANUAL
    )
    client.force_login(officer)
    response = client.post(
        reverse("training:assignment_cancel", args=[assignment.pk]), {"cancel-comment": "left\x00 us"}
    )
    assert response.status_code == 302
    assert [e.comment for e in timeline_for(assignment)] == ["left us"]


def test_an_answer_longer_than_can_be_saved_is_a_form_error(client, officer):
    from tests.training.factories import make_question

    question = make_question(CourseFactory())
    client.force_login(officer)
    data = {"kind": "single", "text": "Which exit?", "option_1": "x" * 501, "option_1_correct": "on", "option_2": "B"}
    response = client.post(reverse("training:question_update", args=[question.pk]), data)
    assert response.status_code == 200 and "option_1" in response.context["form"].errors
