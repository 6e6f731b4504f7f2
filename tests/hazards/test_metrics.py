"""The hazard figures offered to objectives equal what the hazard list itself counts."""

import datetime
from decimal import Decimal

import pytest

from apps.hazards.filters import HazardFilter
from apps.hazards.models import Hazard
from apps.hazards.selectors import hazard_list
from tests.hazards.factories import HazardFactory
from tests.metrics_helpers import TODAY, YEAR, day, frozen, ytd

pytestmark = pytest.mark.django_db

S = Hazard.Status


def _listed(officer, **params):
    return HazardFilter(params, queryset=hazard_list(user=officer)).qs


def test_overdue_count_equals_the_lists_overdue_filter_company_wide_and_per_department(
    officer, department, other_department
):
    with frozen():
        for status, deadline, dept in [
            (S.RECTIFYING, datetime.date(YEAR, 6, 1), department),
            (S.ASSESSED, datetime.date(YEAR, 3, 10), department),
            (S.RECTIFYING, datetime.date(YEAR, 6, 14), other_department),
            (S.RECTIFYING, datetime.date(YEAR, 6, 20), department),  # not due yet
            (S.RECTIFIED, datetime.date(YEAR, 5, 1), department),  # rectified: waits for sign-off, not overdue
            (S.CLOSED, datetime.date(YEAR, 2, 1), other_department),
        ]:
            HazardFactory(status=status, deadline=deadline, department=dept, grade="general")
        series = ytd("hazards.overdue_count")
        assert series.value == _listed(officer, overdue="true").count() == 3
        dept_series = ytd("hazards.overdue_count", department.pk)
        assert dept_series.value == _listed(officer, overdue="true", department=department.pk).count() == 2
        assert dept_series.months[2] == 1 and dept_series.months[5] == 1  # March and June


def test_major_closed_on_time_rate_equals_the_share_the_list_shows_closed_by_the_deadline(officer, department):
    with frozen():
        deadline = datetime.date(YEAR, 4, 30)
        HazardFactory(
            status=S.CLOSED, grade="major", deadline=deadline, closed_at=day(4, 30, 23), department=department
        )
        HazardFactory(status=S.CLOSED, grade="major", deadline=deadline, closed_at=day(5, 3), department=department)
        HazardFactory(status=S.RECTIFYING, grade="major", deadline=deadline, department=department)
        HazardFactory(status=S.RECTIFYING, grade="major", deadline=datetime.date(YEAR, 9, 1), department=department)
        HazardFactory(status=S.CLOSED, grade="general", deadline=deadline, closed_at=day(4, 1), department=department)
        majors = [h for h in _listed(officer, grade="major") if h.deadline < TODAY or h.status == S.CLOSED]
        on_time = [
            h for h in majors if h.status == S.CLOSED and h.closed_at.astimezone(day(1, 1).tzinfo).date() <= h.deadline
        ]
        series = ytd("hazards.major_closed_on_time_rate")
        assert (series.numerator, series.denominator) == (len(on_time), len(majors)) == (1, 3)
        assert series.value == Decimal("33.3")


def test_reported_count_equals_the_list_filtered_by_report_date(officer, department):
    with frozen():
        for when in (day(1, 1, 0), day(6, 15, 9), day(12, 31, 23)):
            hazard = HazardFactory(department=department)
            Hazard.objects.filter(pk=hazard.pk).update(created_at=when)
        hazard = HazardFactory(department=department)
        Hazard.objects.filter(pk=hazard.pk).update(created_at=day(1, 1, 0) - datetime.timedelta(minutes=1))
        listed = _listed(officer, reported_after=f"{YEAR}-01-01", reported_before=f"{YEAR}-12-31").count()
        assert ytd("hazards.reported_count").value == listed == 3


def test_the_records_link_opens_the_hazard_list_filtered_as_counted(department):
    with frozen():
        url = ytd("hazards.overdue_count", department.pk).records_url
    assert url.startswith("/hazards/?") and "overdue=true" in url and f"department={department.pk}" in url
