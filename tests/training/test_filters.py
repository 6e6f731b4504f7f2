"""Training's FilterSets (apps/training/filters.py): each list and its export share one, every value is
bounded, and a filter narrows what the selector lets the user see, never widens it."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.training.models import Assignment, Requirement
from tests.organization.factories import UserFactory
from tests.training.factories import CourseFactory, RequirementFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _get(client, user, name, **params):
    client.force_login(user)
    return client.get(reverse(f"training:{name}"), params)


def _listed(response):
    """The page below its filter form (the form's selects name every course)."""
    return response.content.decode().split('id="filter"', 1)[1].split("</form>", 1)[1]


def _assign(person, course, **kwargs):
    kwargs.setdefault("due_date", timezone.localdate())
    return Assignment.objects.create(person=person, course=course, reason=Assignment.Reason.MANUAL, **kwargs)


def _csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


# --- courses -----------------------------------------------------------------------------------


def test_the_course_search_finds_a_course_by_its_chinese_title(client, employee):
    CourseFactory(name="Fire safety", name_zh="消防安全")
    CourseFactory(name="First aid", name_zh="急救")
    html = _listed(_get(client, employee, "course_list", q="消防"))
    assert "Fire safety" in html and "First aid" not in html


def test_the_course_list_filters_by_category(client, employee):
    CourseFactory(name="Fire safety", category="emergency")
    CourseFactory(name="Company rules", category="rules")
    html = _listed(_get(client, employee, "course_list", category="rules"))
    assert "Company rules" in html and "Fire safety" not in html


def test_an_unknown_category_is_an_error_on_the_form_and_the_list_is_shown_without_it(client, employee):
    CourseFactory(name="Fire safety")
    response = _get(client, employee, "course_list", category="nonsense")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fire safety" in html and "Select a valid choice" in html


def test_a_search_with_a_nul_character_is_refused_not_sent_to_the_database(client, employee):
    response = _get(client, employee, "course_list", q="fire\x00")
    assert response.status_code == 200 and "Null characters are not allowed" in response.content.decode()


# --- the matrix and its export -----------------------------------------------------------------


def test_the_matrix_csv_lists_the_same_people_as_the_filtered_page(client, officer, employee, outsider):
    RequirementFactory(trigger=Requirement.Trigger.PERIODIC)
    page = _get(client, officer, "matrix", q=employee.employee_number).content.decode()
    rows = _csv(_get(client, officer, "matrix_export", q=employee.employee_number))
    assert str(employee) in page and str(outsider) not in page
    assert [row[1] for row in rows[1:]] == [str(employee)]


def test_an_export_with_an_invalid_filter_is_refused_with_the_reason(client, officer):
    response = _get(client, officer, "matrix_export", department="abc")
    assert response.status_code == 400
    assert "nothing was exported" in response.content.decode()


def test_an_id_too_large_for_the_database_is_an_error_on_the_matrix_filter(client, officer):
    response = _get(client, officer, "matrix", department=str(2**70))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_the_matrix_course_filter_keeps_one_column(client, officer, employee):
    fire = RequirementFactory(trigger=Requirement.Trigger.PERIODIC, course=CourseFactory(name="Fire")).course
    RequirementFactory(trigger=Requirement.Trigger.PERIODIC, course=CourseFactory(name="Rules"))
    rows = _csv(_get(client, officer, "matrix_export", course=fire.pk))
    assert rows[0][4:] == ["Fire"]


# --- people: the team page and the people not cleared ------------------------------------------


def test_a_head_filtering_for_another_department_sees_nobody(client, head, employee, outsider):
    html = _listed(_get(client, head, "team", department=outsider.department_id))
    assert str(outsider) not in html and str(employee) not in html


def test_the_not_cleared_list_searches_by_name(client, officer, employee, outsider):
    RequirementFactory(trigger=Requirement.Trigger.HIRE)
    html = _listed(_get(client, officer, "new_hires", q=employee.full_name))
    assert employee.username in html and outsider.username not in html


# --- assignments -------------------------------------------------------------------------------


def test_the_assignment_list_shows_open_assignments_unless_asked_otherwise(client, officer, employee):
    _assign(employee, CourseFactory(name="Open one"))
    _assign(employee, CourseFactory(name="Cancelled one"), status=Assignment.Status.CANCELLED)
    html = _listed(_get(client, officer, "assignment_list"))
    assert "Open one" in html and "Cancelled one" not in html
    html = _listed(_get(client, officer, "assignment_list", status=""))
    assert "Open one" in html and "Cancelled one" in html


def test_the_assignment_list_searches_by_person_and_course(client, officer, employee, outsider):
    course = CourseFactory(name="Ladder safety")
    _assign(employee, course)
    _assign(outsider, CourseFactory(name="First aid"))
    html = _listed(_get(client, officer, "assignment_list", q="ladder"))
    assert "Ladder safety" in html and "First aid" not in html


def _assignment_list_queries(client, officer, department, n):
    course = CourseFactory()
    for _ in range(n):
        _assign(UserFactory(department=department), course)
    client.force_login(officer)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("training:assignment_list")).status_code == 200
    Assignment.objects.all().delete()
    return len(ctx.captured_queries)


def test_the_assignment_list_with_its_buttons_costs_as_many_queries_for_12_rows_as_for_2(client, officer, department):
    assert _assignment_list_queries(client, officer, department, 2) == _assignment_list_queries(
        client, officer, department, 12
    )


# --- sessions ----------------------------------------------------------------------------------


def test_the_session_list_shows_upcoming_sessions_unless_all_are_asked_for(client, employee):
    now = timezone.now()
    SessionFactory(course=CourseFactory(name="Past drill"), starts_at=now - datetime.timedelta(days=30))
    SessionFactory(course=CourseFactory(name="Next drill"), starts_at=now + datetime.timedelta(days=3))
    html = _listed(_get(client, employee, "session_list"))
    assert "Next drill" in html and "Past drill" not in html
    html = _listed(_get(client, employee, "session_list", all="1"))
    assert "Next drill" in html and "Past drill" in html


def test_the_session_list_searches_by_trainer(client, employee, officer):
    later = timezone.now() + datetime.timedelta(days=3)
    SessionFactory(course=CourseFactory(name="With officer"), starts_at=later, trainer=officer)
    SessionFactory(course=CourseFactory(name="Without"), starts_at=later)
    html = _listed(_get(client, employee, "session_list", q=officer.full_name))
    assert "With officer" in html and "Without" not in html
