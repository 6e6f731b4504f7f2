"""Every annotated count of the training module, on records with several children of each kind
(``item_statistics`` is covered in test_services_exams.py)."""

import datetime

import pytest
from django.utils import timezone

from apps.training.models import Assignment, Enrolment
from apps.training.selectors import session_list, team_overview
from tests.training.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_a_session_counts_its_three_enrolments(employee, head, outsider):
    session = SessionFactory()
    for person in (employee, head, outsider):
        Enrolment.objects.create(session=session, person=person)
    assert session_list(user=head).get(pk=session.pk).enrolled == 3


def test_the_team_page_counts_three_open_assignments_one_overdue(head, employee):
    today = timezone.localdate()
    for due in (today - datetime.timedelta(days=1), today, today + datetime.timedelta(days=5)):
        Assignment.objects.create(person=employee, course=CourseFactory(), reason="manual", due_date=due)
    Assignment.objects.create(
        person=employee, course=CourseFactory(), reason="manual", due_date=today, status=Assignment.Status.COMPLETED
    )
    row = next(r for r in team_overview(user=head) if r["person"] == employee)
    assert (row["open"], row["overdue"]) == (3, 1)
