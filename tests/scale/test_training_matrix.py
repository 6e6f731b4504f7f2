"""Issue 12: the compliance matrix is paged and filtered in the database — the same totals, rows and cells
as the matrix built in Python for everyone, in as many queries for 60 people as for 6."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.organization.models import Post, User
from apps.training import selectors
from apps.training.models import Assignment, Completion, Requirement
from tests.organization.factories import DepartmentFactory
from tests.training.factories import CourseFactory, RequirementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(department):
    yearly = CourseFactory(name="A yearly", validity_months=12)
    forever = CourseFactory(name="B forever", validity_months=None)
    for_dept = CourseFactory(name="C department", validity_months=12)
    for_post = CourseFactory(name="D post")
    by_hand = CourseFactory(name="E by hand")
    post = Post.objects.create(code="agent", name="Agent")
    RequirementFactory(course=yearly, trigger=Requirement.Trigger.HIRE)
    RequirementFactory(course=forever, trigger=Requirement.Trigger.PERIODIC)
    RequirementFactory(course=for_dept, trigger=Requirement.Trigger.HIRE, audience="departments").departments.add(
        department
    )
    RequirementFactory(course=for_post, trigger=Requirement.Trigger.POST, audience="posts").posts.add(post)
    return [yearly, forever, for_dept, for_post, by_hand], post


def crowd(department, other, courses, tag, n):
    courses, post = courses
    today = timezone.localdate()
    people = User.objects.bulk_create(
        User(username=f"{tag}-{i}", full_name=f"{tag}{i:03d}", department=department if i % 3 else other,
             post=post if i % 4 == 0 else None)
        for i in range(n)
    )  # fmt: skip
    for i, person in enumerate(people):
        for k, course in enumerate(courses):
            kind = (i + k) % 6
            if kind in (0, 1):  # a pass, valid or expired (an older pass first)
                Completion.objects.create(
                    person=person, course=course, completed_on=today - datetime.timedelta(days=900)
                )
                expires = today + datetime.timedelta(days=30 if kind == 0 else -3)
                Completion.objects.create(person=person, course=course, completed_on=today, expires_on=expires)
            if kind in (1, 2, 3):  # open: overdue or due
                due = today + datetime.timedelta(days=-2 if kind == 2 else 5)
                Assignment.objects.create(person=person, course=course, due_date=due)
    return people


def python_matrix(user, **options):
    return selectors.compliance_matrix(user=user, **options)


@pytest.mark.parametrize(
    "options", [{}, {"status": "passed"}, {"status": "overdue"}, {"status": "expired"}, {"status": "due"}]
)
@pytest.mark.parametrize("who", ["officer", "head"])
def test_the_page_matches_the_whole_matrix(request, department, courses, who, options):
    user = request.getfixturevalue(who)
    crowd(department, DepartmentFactory(), courses, "p", 24)
    expected = python_matrix(user, **options)
    data, page = selectors.compliance_matrix_page(user=user, per_page=7, **options)
    assert data.totals == expected.totals and sum(data.totals.values()) > 0
    assert [c.pk for c in data.courses] == [c.pk for c in expected.courses]
    assert page.paginator.count == len(expected.rows)
    for number in page.paginator.page_range:
        _data, page = selectors.compliance_matrix_page(user=user, per_page=7, page_number=number, **options)
        want = expected.rows[(number - 1) * 7 : number * 7]
        assert [r.person.pk for r in page] == [r.person.pk for r in want]
        assert [[(c.status, c.date) for c in r.cells] for r in page] == [
            [(c.status, c.date) for c in r.cells] for r in want
        ]


def test_columns_narrowed_by_course_or_category_keep_the_totals_of_those_columns(officer, department, courses):
    crowd(department, DepartmentFactory(), courses, "p", 12)
    course = courses[0][2]
    assert selectors.compliance_matrix_page(user=officer, course=course)[0].totals == (
        python_matrix(officer, course=course).totals
    )


def test_the_export_lists_the_same_rows_as_the_matrix(client, officer, department, courses):
    crowd(department, DepartmentFactory(), courses, "p", 15)
    client.force_login(officer)
    response = client.get(reverse("training:matrix_export") + "?status=overdue")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) - 1 == len(python_matrix(officer, status="overdue").rows)


def test_the_matrix_page_costs_as_many_queries_for_60_people_as_for_6(client, officer, department, courses):
    other = DepartmentFactory()
    client.force_login(officer)
    url = reverse("training:matrix") + "?status=overdue"
    client.get(url)
    crowd(department, other, courses, "s", 6)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    crowd(department, other, courses, "l", 54)
    with CaptureQueriesContext(connection) as large:
        html = client.get(url).content.decode()
    assert html.count('scope="row"') == 60 // 2 or html.count('scope="row"') > 10
    assert len(small) == len(large)
