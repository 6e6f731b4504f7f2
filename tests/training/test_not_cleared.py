"""R6.4.1: nobody is "not cleared for work" with no way forward.

The daily run assigns an induction course to whoever never had it (hired before the rule or the
system) and never re-assigns after used-up attempts; the not-cleared lists say why and offer officers
(and heads, for their departments) a one-click "assign again" that gives fresh attempts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from apps.organization import hooks
from apps.organization.models import User
from apps.training import services
from apps.training.models import Assignment, Completion, Requirement
from tests.organization.factories import UserFactory
from tests.training.factories import RequirementFactory, answer_all, make_exam_course

pytestmark = pytest.mark.django_db


def _open(person, course):
    return Assignment.objects.filter(person=person, course=course, status=Assignment.Status.OPEN)


@pytest.fixture
def induction(db):
    """An induction course with an exam of one attempt, due three days after assignment."""
    course, _exam = make_exam_course(max_attempts=1, name="Fire induction")
    RequirementFactory(course=course, trigger=Requirement.Trigger.HIRE, due_days=3)
    return course


def _use_up_attempts(person, course):
    hooks.fire_hire(person=person, actor=None)
    attempt = services.exam_attempt_start(user=person, course=course)
    answer_all(attempt, person, right=False)
    services.exam_attempt_submit(user=person, attempt=attempt)
    assert services.attempts_left(person=person, exam=course.exam) == 0


# --- the daily run -----------------------------------------------------------------------------


def test_sync_assigns_a_never_assigned_induction_course_once_not_twice(department, induction):
    veteran = UserFactory(department=department, hire_date=datetime.date(2015, 3, 1))
    assert not Assignment.objects.filter(person=veteran).exists()
    created = services.requirements_sync()
    mine = [a for a in created if a.person_id == veteran.pk]
    assert [(a.course_id, a.reason) for a in mine] == [(induction.pk, Assignment.Reason.HIRE)]
    assert mine[0].due_date == timezone.localdate() + datetime.timedelta(days=3)
    assert mine[0].requirement.trigger == Requirement.Trigger.HIRE
    assert services.requirements_sync() == []
    assert _open(veteran, induction).count() == 1


def test_sync_skips_people_who_passed_or_are_out_of_scope(department, other_department):
    course, _exam = make_exam_course(max_attempts=1)
    RequirementFactory(
        course=course,
        trigger=Requirement.Trigger.HIRE,
        audience=Requirement.Audience.DEPARTMENTS,
        departments=[department],
    )
    passed = UserFactory(department=department)
    Completion.objects.create(person=passed, course=course, completed_on=timezone.localdate(), source="manual")
    outside = UserFactory(department=other_department)
    inside = UserFactory(department=department)
    assigned = {a.person_id for a in services.requirements_sync()}
    assert inside.pk in assigned and passed.pk not in assigned and outside.pk not in assigned


def test_sync_never_reassigns_after_the_attempts_are_used_up(employee, officer, induction):
    _use_up_attempts(employee, induction)
    assert not [a for a in services.requirements_sync() if a.person_id == employee.pk]
    assert services.attempts_left(person=employee, exam=induction.exam) == 0
    # Even once the stuck assignment is cancelled, the run does not hand out new attempts.
    services.assignment_cancel(user=officer, assignment=_open(employee, induction).get())
    assert not [a for a in services.requirements_sync() if a.person_id == employee.pk]
    assert services.attempts_left(person=employee, exam=induction.exam) == 0


# --- the not-cleared page ----------------------------------------------------------------------


def _step(html, username):
    row = html.split(f'data-username="{username}"')[1].split("</tr>")[0]
    return row


def test_page_says_no_attempts_left_and_one_click_gives_fresh_attempts(client, officer, employee, induction):
    _use_up_attempts(employee, induction)
    client.force_login(officer)
    html = client.get(reverse("training:new_hires")).content.decode()
    row = _step(html, "employee")
    assert 'data-step="no_attempts"' in row and "no attempts left" in row and "assign-again" in row
    response = client.post(
        reverse("training:assignment_again"),
        {"person": employee.pk, "course": induction.pk, "next": reverse("training:new_hires")},
    )
    assert response.status_code == 302 and response.url == reverse("training:new_hires")
    assert services.attempts_left(person=employee, exam=induction.exam) == induction.exam.max_attempts
    new = _open(employee, induction).get()
    assert new.reason == Assignment.Reason.MANUAL and new.assigned_by == officer
    assert new.due_date == timezone.localdate() + datetime.timedelta(days=3)
    assert Assignment.objects.filter(person=employee, course=induction, status="cancelled").count() == 1
    assert services.exam_attempt_start(user=employee, course=induction).number == 2
    row = _step(client.get(reverse("training:new_hires")).content.decode(), "employee")
    assert 'data-step="in_progress"' in row and "assign-again" not in row


def test_page_says_assigned_with_the_due_date_and_not_assigned_yet(client, officer, department, induction):
    hired = UserFactory(username="hired", department=department, hire_date=timezone.localdate())
    hooks.fire_hire(person=hired, actor=None)
    UserFactory(username="veteran", department=department, hire_date=datetime.date(2015, 3, 1))
    client.force_login(officer)
    html = client.get(reverse("training:new_hires")).content.decode()
    due = date_format(timezone.localdate() + datetime.timedelta(days=3), "SHORT_DATE_FORMAT")
    hired_row = _step(html, "hired")
    assert 'data-step="assigned"' in hired_row and f"assigned, due {due}" in hired_row
    assert "assign-again" not in hired_row
    veteran_row = _step(html, "veteran")
    assert 'data-step="not_assigned"' in veteran_row and "assign-again" in veteran_row


def test_reassigning_a_course_with_attempts_left_changes_nothing(client, officer, employee, induction):
    hooks.fire_hire(person=employee, actor=None)
    first = _open(employee, induction).get()
    client.force_login(officer)
    client.post(reverse("training:assignment_again"), {"person": employee.pk, "course": induction.pk})
    assert _open(employee, induction).get() == first


def test_an_employee_cannot_assign_again(client, employee, outsider, induction):
    _use_up_attempts(employee, induction)
    client.force_login(employee)
    response = client.post(reverse("training:assignment_again"), {"person": employee.pk, "course": induction.pk})
    assert response.status_code == 403
    assert services.attempts_left(person=employee, exam=induction.exam) == 0


def test_head_reassigns_own_department_from_the_team_page_but_not_others(client, head, other_head, employee, induction):
    _use_up_attempts(employee, induction)
    client.force_login(other_head)
    response = client.post(reverse("training:assignment_again"), {"person": employee.pk, "course": induction.pk})
    assert response.status_code == 404
    client.force_login(head)
    html = client.get(reverse("training:team")).content.decode()
    row = html.split('data-username="employee"')[1].split("team-member")[0]
    assert 'data-step="no_attempts"' in row and "assign-again" in row
    response = client.post(
        reverse("training:assignment_again"),
        {"person": employee.pk, "course": induction.pk, "next": reverse("training:team")},
    )
    assert response.url == reverse("training:team")
    assert services.attempts_left(person=employee, exam=induction.exam) == 1


def test_manager_sees_the_next_steps_without_a_button(client, manager, employee, induction):
    _use_up_attempts(employee, induction)
    client.force_login(manager)
    row = _step(client.get(reverse("training:new_hires")).content.decode(), "employee")
    assert 'data-step="no_attempts"' in row and "assign-again" not in row


# --- query counts at two sizes -----------------------------------------------------------------


def _crowd(department, tag, n, induction):
    """n people, in turn: never assigned, assigned, attempts used up."""
    people = User.objects.bulk_create(
        User(username=f"{tag}-{i}", full_name=f"员工{tag}{i}", department=department, hire_date=timezone.localdate())
        for i in range(n)
    )
    for i, person in enumerate(people):
        if i % 3 == 1:
            hooks.fire_hire(person=person, actor=None)
        elif i % 3 == 2:
            _use_up_attempts(person, induction)
    return people


def _count(fn):
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return len(ctx.captured_queries), result


def test_page_query_count_does_not_grow_with_people(client, officer, department, induction):
    client.force_login(officer)
    url = reverse("training:new_hires")
    _crowd(department, "s", 3, induction)
    small, response = _count(lambda: client.get(url))
    assert response.content.decode().count('class="next-step') >= 3
    _crowd(department, "l", 30, induction)
    large, response = _count(lambda: client.get(url))
    html = response.content.decode()
    assert html.count('data-step="no_attempts"') >= 11 and html.count('data-step="not_assigned"') >= 11
    print(f"\nnot-cleared page: 3 people {small} queries, 33 people {large} queries")
    assert small == large


def test_team_page_query_count_does_not_grow_with_people(client, head, department, induction):
    client.force_login(head)
    url = reverse("training:team")
    _crowd(department, "s", 3, induction)
    small, _ = _count(lambda: client.get(url))
    _crowd(department, "l", 30, induction)
    large, response = _count(lambda: client.get(url))
    assert response.content.decode().count("assign-again") >= 20
    print(f"\nteam page: 3 people {small} queries, 33 people {large} queries")
    assert small == large


def test_sync_query_count_does_not_grow_with_people(department, induction):
    RequirementFactory(trigger=Requirement.Trigger.PERIODIC)
    _crowd(department, "s", 3, induction)
    small, created_small = _count(services.requirements_sync)
    idle_small, _ = _count(services.requirements_sync)
    _crowd(department, "l", 30, induction)
    large, created_large = _count(services.requirements_sync)
    idle_large, _ = _count(services.requirements_sync)
    assert len(created_large) > len(created_small) >= 2  # the hook already assigned the others
    print(
        f"\nsync: {len(created_small)} assigned in {small} queries, {len(created_large)} in {large}; "
        f"nothing to do: {idle_small} and {idle_large} queries"
    )
    assert small == large and idle_small == idle_large
