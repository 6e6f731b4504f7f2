"""The incident figures offered to objectives equal what the incident list itself counts."""

import datetime

import pytest

from apps.incidents.filters import IncidentFilter
from apps.incidents.selectors import incident_list
from tests.incidents.factories import IncidentFactory
from tests.metrics_helpers import YEAR, day, frozen, ytd

pytestmark = pytest.mark.django_db


def _listed(officer, **params):
    return IncidentFilter(params, queryset=incident_list(user=officer)).qs


@pytest.fixture
def crafted(employee, outsider):
    with frozen():
        IncidentFactory(severity="major", occurred_at=day(1, 1, 0), reporter=employee)  # first minute of the year
        IncidentFactory(severity="major", occurred_at=day(5, 20), reporter=outsider)
        IncidentFactory(severity="major", occurred_at=day(1, 1, 0) - datetime.timedelta(minutes=1), reporter=employee)
        IncidentFactory(severity="minor", occurred_at=day(3, 3), reporter=employee)
        IncidentFactory(severity="serious", type="near_miss", occurred_at=day(6, 1), reporter=employee)


def test_major_count_equals_the_lists_major_incidents_of_the_year(crafted, officer):
    with frozen():
        assert ytd("incidents.major_count").value == _listed(officer, severity="major", year=YEAR).count() == 2


def test_major_count_of_a_department_equals_the_list_filtered_by_that_department(crafted, officer, employee):
    dept = employee.department_id
    with frozen():
        expected = _listed(officer, severity="major", year=YEAR, department=dept).count()
        assert ytd("incidents.major_count", dept).value == expected == 1


def test_incident_count_equals_the_lists_incidents_of_the_year(crafted, officer):
    with frozen():
        series = ytd("incidents.count")
        assert series.value == _listed(officer, year=YEAR).count() == 4
        assert series.months[0] == 1 and series.months[4] == 1 and series.months[6] is None  # July not reached
