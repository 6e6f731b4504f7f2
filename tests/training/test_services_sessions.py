import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.exceptions import Conflict, NotAllowed
from apps.training import services
from apps.training.models import Assignment, Completion, Course, ExamAttempt
from tests.organization.factories import UserFactory
from tests.training.factories import CourseFactory, ExamFactory, SessionFactory, answer_all, make_question

pytestmark = pytest.mark.django_db


def test_enrolment_stops_at_capacity(department):
    session = SessionFactory(capacity=2, starts_at=timezone.now() + datetime.timedelta(days=1))
    a, b, c = (UserFactory(department=department) for _ in range(3))
    services.session_enrol(user=a, session=session)
    services.session_enrol(user=b, session=session)
    services.session_enrol(user=b, session=session)  # enrolling twice is harmless
    with pytest.raises(Conflict):
        services.session_enrol(user=c, session=session)


def test_attendance_completes_a_classroom_course_without_exam(officer, employee):
    session = SessionFactory()
    Assignment.objects.create(person=employee, course=session.course, due_date=timezone.localdate(), reason="manual")
    services.session_attendance_mark(user=officer, session=session, person=employee, attended=True)
    record = Completion.objects.get(person=employee)
    assert record.source == Completion.Source.ATTENDANCE and record.session == session
    assert Assignment.objects.get(person=employee).status == Assignment.Status.COMPLETED


def test_a_classroom_course_with_an_exam_needs_attendance_and_a_pass(officer, employee):
    course = CourseFactory(method=Course.Method.CLASSROOM)
    ExamFactory(course=course, question_count=1, pass_mark=100)
    make_question(course)
    session = SessionFactory(course=course)
    services.session_attendance_mark(user=officer, session=session, person=employee, attended=True)
    assert not Completion.objects.exists()
    attempt = services.exam_attempt_start(user=employee, course=course)
    answer_all(attempt, employee)
    services.exam_attempt_submit(user=employee, attempt=attempt)
    assert Completion.objects.get(person=employee).attempt == ExamAttempt.objects.get()


def test_an_absent_person_does_not_complete(officer, employee):
    session = SessionFactory()
    services.session_attendance_mark(user=officer, session=session, person=employee, attended=False)
    assert not Completion.objects.exists()


def test_the_trainer_may_take_attendance_but_another_employee_may_not(employee, outsider, head):
    session = SessionFactory(trainer=head)
    services.session_attendance_mark(user=head, session=session, person=employee, attended=True)
    with pytest.raises(NotAllowed):
        services.session_attendance_mark(user=outsider, session=session, person=employee, attended=True)


def test_attendance_on_a_phone_updates_one_row_with_htmx(client, officer, employee):
    session = SessionFactory()
    services.session_enrol(user=employee, session=session)
    client.force_login(officer)
    response = client.post(
        reverse("training:session_attendance", args=[session.pk]),
        {"person": employee.pk, "attended": "1"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.strip().startswith("<li") and f'id="att-{employee.pk}"' in html and "btn-success" in html


def test_plan_progress_counts_the_audience_passes_of_the_year(officer, employee, outsider, department):
    from apps.training.selectors import plan_progress

    course = CourseFactory()
    year = timezone.localdate().year
    services.plan_line_create(user=officer, year=year, month=3, course=course, departments=[department])
    Completion.objects.create(person=employee, course=course, completed_on=timezone.localdate(), source="manual")
    Completion.objects.create(person=outsider, course=course, completed_on=timezone.localdate(), source="manual")
    [row], overall = plan_progress(year=year)
    # department: head and employee; one of the two passed (the outsider is not in the audience)
    assert (row["audience"], row["passed"], row["percent"], overall) == (2, 1, 50, 50)
