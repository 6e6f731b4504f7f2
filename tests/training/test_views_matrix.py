import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.training.models import Assignment, Completion, Requirement
from apps.training.selectors import DUE, EXPIRED, OVERDUE, PASSED, compliance_matrix
from tests.organization.factories import UserFactory
from tests.training.factories import CourseFactory, RequirementFactory

pytestmark = pytest.mark.django_db


def build(department, people, courses, tag):
    today = timezone.localdate()
    staff = [UserFactory(department=department, username=f"{tag}-p{i}") for i in range(people)]
    for j in range(courses):
        course = CourseFactory(code=f"{tag}-c{j}", validity_months=12)
        RequirementFactory(course=course, trigger=Requirement.Trigger.PERIODIC)
        for i, person in enumerate(staff):
            kind = (i + j) % 4
            if kind == 0:
                Completion.objects.create(
                    person=person,
                    course=course,
                    completed_on=today,
                    expires_on=today + datetime.timedelta(days=300),
                    source=Completion.Source.MANUAL,
                )
            elif kind == 1:
                Assignment.objects.create(
                    person=person,
                    course=course,
                    due_date=today - datetime.timedelta(days=2),
                    reason=Assignment.Reason.PERIODIC,
                )
            elif kind == 2:
                Completion.objects.create(
                    person=person,
                    course=course,
                    completed_on=today - datetime.timedelta(days=400),
                    expires_on=today - datetime.timedelta(days=35),
                    source=Completion.Source.MANUAL,
                )
    return staff


def count_queries(client, user, url):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["training:matrix", "training:matrix_export", "training:team"])
@pytest.mark.parametrize("viewer", ["head", "officer"])
def test_matrix_query_count_does_not_depend_on_people_or_courses(client, personas, department, url_name, viewer):
    from django.contrib.auth import get_user_model

    user = personas[viewer]
    build(department, 5, 3, "small")
    small = count_queries(client, user, reverse(url_name))
    get_user_model().objects.filter(username__startswith="small-").delete()
    build(department, 40, 8, "large")
    large = count_queries(client, user, reverse(url_name))
    assert small == large


def test_matrix_shows_passed_due_overdue_and_expired(employee, head, department):
    today = timezone.localdate()
    passed, overdue, expired, due, untouched = (CourseFactory(code=c) for c in ("p", "o", "e", "d", "u"))
    for c in (passed, overdue, expired, due, untouched):
        RequirementFactory(course=c, trigger=Requirement.Trigger.PERIODIC)
    Completion.objects.create(person=employee, course=passed, completed_on=today, source="manual")
    Completion.objects.create(
        person=employee,
        course=expired,
        completed_on=today.replace(year=today.year - 2),
        expires_on=today - datetime.timedelta(days=1),
        source="manual",
    )
    Assignment.objects.create(
        person=employee, course=overdue, due_date=today - datetime.timedelta(days=1), reason="manual"
    )
    Assignment.objects.create(person=employee, course=due, due_date=today + datetime.timedelta(days=5), reason="manual")
    matrix = compliance_matrix(user=head)
    row = next(r for r in matrix.rows if r.person == employee)
    status = {c.code: cell.status for c, cell in zip(matrix.courses, row.cells, strict=True)}
    assert status == {"p": PASSED, "o": OVERDUE, "e": EXPIRED, "d": DUE, "u": DUE}


def test_head_sees_only_own_department_in_the_matrix(head, employee, outsider):
    RequirementFactory(trigger=Requirement.Trigger.PERIODIC)
    people = {r.person for r in compliance_matrix(user=head).rows}
    assert employee in people and outsider not in people


def test_matrix_filters_by_status(officer, employee, outsider):
    course = RequirementFactory(trigger=Requirement.Trigger.PERIODIC).course
    Completion.objects.create(person=employee, course=course, completed_on=timezone.localdate(), source="manual")
    people = {r.person for r in compliance_matrix(user=officer, status=PASSED).rows}
    assert people == {employee}


def test_matrix_csv_lists_people_and_course_statuses(client, officer, employee):
    course = RequirementFactory(trigger=Requirement.Trigger.PERIODIC, course=CourseFactory(name="Fire safety")).course
    Completion.objects.create(person=employee, course=course, completed_on=timezone.localdate(), source="manual")
    client.force_login(officer)
    response = client.get(reverse("training:matrix_export"), {"department": employee.department_id})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-1] == "Fire safety"
    assert rows[1][1] == "李娜" and rows[1][-1].startswith("Passed")
