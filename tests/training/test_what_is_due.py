""" "My training" and the compliance matrix never disagree about what a person owes (issue 9).

A course is due for a person when the matrix shows it Due, Overdue or Expired, or shows a pass still
valid with a refresher already assigned (its due date). "My training" must list exactly those courses,
with the same overdue ones, whatever mix of rules, assignments and records produced them.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.training.models import Assignment, Completion, Requirement
from apps.training.selectors import DUE, EXPIRED, OVERDUE, PASSED, compliance_matrix
from tests.organization.factories import PostFactory
from tests.training.factories import CourseFactory, RequirementFactory

pytestmark = pytest.mark.django_db


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def _record(person, course, completed, expires=None):
    return Completion.objects.create(
        person=person, course=course, completed_on=completed, expires_on=expires, source=Completion.Source.MANUAL
    )


def _assign(person, course, due, reason=Assignment.Reason.MANUAL):
    return Assignment.objects.create(person=person, course=course, due_date=due, reason=reason)


def _rule(course, **kw):
    kw.setdefault("trigger", Requirement.Trigger.PERIODIC)
    return RequirementFactory(course=course, **kw)


OWED = {
    "post-rule-never-assigned",
    "by-hand-no-rule",
    "expired-not-reassigned",
    "refresher-assigned",
    "overdue",
    "cancelled-but-required",
}
NOT_OWED = {"passed", "passed-long-ago-no-rule", "retired-course", "other-post"}


@pytest.fixture
def situations(employee, outsider):
    """One course per way a person can come to owe (or not owe) a course; created behind the services'
    backs, as data that is already there (old rules, admin edits, imports) would be."""
    c = {name: CourseFactory(code=name, name=f"Course {name}") for name in sorted(OWED | NOT_OWED)}
    _rule(c["post-rule-never-assigned"], trigger=Requirement.Trigger.POST, audience="posts", posts=[employee.post])
    _assign(employee, c["by-hand-no-rule"], _days(5))
    _rule(c["expired-not-reassigned"])
    _record(employee, c["expired-not-reassigned"], _days(-400), _days(-35))
    _rule(c["refresher-assigned"])
    _record(employee, c["refresher-assigned"], _days(-350), _days(15))
    _assign(employee, c["refresher-assigned"], _days(15), Assignment.Reason.RENEWAL)
    _rule(c["overdue"])
    _assign(employee, c["overdue"], _days(-3))
    _rule(c["cancelled-but-required"], trigger=Requirement.Trigger.HIRE)
    Assignment.objects.create(
        person=employee,
        course=c["cancelled-but-required"],
        due_date=_days(-30),
        reason=Assignment.Reason.HIRE,
        status=Assignment.Status.CANCELLED,
    )
    _rule(c["passed"])
    _record(employee, c["passed"], _days(-10))
    _record(employee, c["passed-long-ago-no-rule"], _days(-900), _days(-500))
    c["retired-course"].is_active = False
    c["retired-course"].save()
    _assign(employee, c["retired-course"], _days(3))
    _rule(c["other-post"], trigger=Requirement.Trigger.POST, audience="posts", posts=[PostFactory()])
    return c


def _matrix_view(viewer, person):
    matrix = compliance_matrix(user=viewer)
    row = next(r for r in matrix.rows if r.person == person)
    cells = dict(zip((c.code for c in matrix.courses), row.cells, strict=True))
    due = {
        code
        for code, cell in cells.items()
        if cell.status in (DUE, OVERDUE, EXPIRED) or (cell.status == PASSED and getattr(cell, "due_date", None))
    }
    return due, {code for code, cell in cells.items() if cell.status == OVERDUE}


def _my_training_view(client, person, courses):
    client.force_login(person)
    html = client.get(reverse("training:my_training")).content.decode()
    todo = html.split('id="my-assignments"')[1].split("</div>\n")[0]
    by_url = {c.get_absolute_url(): code for code, c in courses.items()}
    listed = [by_url[url] for url in re.findall(r'href="(/training/courses/\d+/)"', todo)]
    entries = re.split(r"<a ", todo)[1:]
    overdue = {by_url[re.search(r'href="([^"]+)"', e).group(1)] for e in entries if "Overdue" in e}
    return listed, overdue


def test_my_training_lists_exactly_the_courses_the_matrix_shows_as_due(client, head, employee, situations):
    matrix_due, _ = _matrix_view(head, employee)
    listed, _ = _my_training_view(client, employee, situations)
    assert len(listed) == len(set(listed))
    assert set(listed) == matrix_due
    assert matrix_due == OWED


def test_my_training_and_the_matrix_agree_on_what_is_overdue(client, head, employee, situations):
    _, matrix_overdue = _matrix_view(head, employee)
    _, my_overdue = _my_training_view(client, employee, situations)
    assert my_overdue == matrix_overdue == {"overdue"}


def test_a_course_assigned_by_hand_gets_a_matrix_column(officer, employee, outsider):
    course = CourseFactory(code="by-hand")
    _assign(employee, course, _days(4))
    matrix = compliance_matrix(user=officer)
    assert course in matrix.courses
    cells = {r.person: r.cells[matrix.courses.index(course)] for r in matrix.rows}
    assert (cells[employee].status, cells[employee].date) == (DUE, _days(4))
    assert cells[outsider].status is None


def _my_training_queries(client, person, n):
    for i in range(n):
        _rule(
            CourseFactory(code=f"rule-{n}-{i}"), trigger=Requirement.Trigger.POST, audience="posts", posts=[person.post]
        )
        _assign(person, CourseFactory(code=f"hand-{n}-{i}"), _days(i))
    client.force_login(person)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("training:my_training")).status_code == 200
    return len(ctx.captured_queries)


def test_my_training_takes_as_many_queries_for_many_due_courses_as_for_few(client, employee):
    assert _my_training_queries(client, employee, 2) == _my_training_queries(client, employee, 12)


def test_the_matrix_page_shows_the_due_date_of_a_refresher_next_to_a_valid_pass(client, head, employee):
    from django.utils.formats import date_format

    course = CourseFactory(code="refresher")
    _rule(course)
    _record(employee, course, _days(-350), _days(15))
    _assign(employee, course, _days(10), Assignment.Reason.RENEWAL)
    client.force_login(head)
    html = client.get(reverse("training:matrix")).content.decode()
    row = html.split("李娜")[1].split("</tr>")[0]
    assert "Passed" in row and f"due {date_format(_days(10))}" in row
