"""The training figures offered to objectives equal what the training module's own lists show."""

import datetime

import pytest

from apps.training.models import Assignment
from apps.training.selectors import assignment_list
from tests.metrics_helpers import SHANGHAI, TODAY, YEAR, day, frozen, ytd
from tests.organization.factories import UserFactory
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db


def _assignment(person, course, *, reason, due, completed=None, status=None):
    return Assignment.objects.create(
        person=person,
        course=course,
        reason=reason,
        due_date=due,
        status=status or (Assignment.Status.COMPLETED if completed else Assignment.Status.OPEN),
        completed_at=completed,
    )


@pytest.fixture
def crafted(employee, outsider, department):
    with frozen():
        induction, fire = CourseFactory(), CourseFactory()
        late_joiner = UserFactory(department=department)
        hire = Assignment.Reason.HIRE
        _assignment(employee, induction, reason=hire, due=datetime.date(YEAR, 3, 10), completed=day(3, 10, 23))
        _assignment(outsider, induction, reason=hire, due=datetime.date(YEAR, 4, 1), completed=day(4, 2))
        _assignment(late_joiner, induction, reason=hire, due=datetime.date(YEAR, 6, 1))  # overdue, open
        _assignment(late_joiner, fire, reason=hire, due=datetime.date(YEAR, 6, 30))  # not due yet
        _assignment(late_joiner, fire, reason=hire, due=datetime.date(YEAR, 5, 1), status=Assignment.Status.CANCELLED)
        _assignment(
            employee, fire, reason=Assignment.Reason.PERIODIC, due=datetime.date(YEAR, 2, 1), completed=day(1, 5)
        )


def _due_and_on_time(officer, **filters):
    rows = [
        a
        for a in assignment_list(user=officer).filter(**filters)
        if a.status != Assignment.Status.CANCELLED
        and a.due_date.year == YEAR
        and (a.due_date < TODAY or a.status == Assignment.Status.COMPLETED)
    ]
    on_time = [a for a in rows if a.completed_at and a.completed_at.astimezone(SHANGHAI).date() <= a.due_date]
    return len(on_time), len(rows)


def test_induction_on_time_rate_equals_the_assignments_list_of_inductions(crafted, officer):
    with frozen():
        series = ytd("training.induction_on_time_rate")
        expected = _due_and_on_time(officer, reason=Assignment.Reason.HIRE)
        assert (series.numerator, series.denominator) == expected == (1, 3)
        assert str(series.value) == "33.3"


def test_compliance_rate_counts_every_kind_of_assignment_as_the_list_does(crafted, officer):
    with frozen():
        series = ytd("training.compliance_rate")
        assert (series.numerator, series.denominator) == _due_and_on_time(officer) == (2, 4)


def test_a_departments_rate_counts_only_its_people(crafted, officer, outsider):
    with frozen():
        series = ytd("training.induction_on_time_rate", outsider.department_id)
        expected = _due_and_on_time(officer, reason=Assignment.Reason.HIRE, person__department=outsider.department)
        assert (series.numerator, series.denominator) == expected == (0, 1)
