"""The inspection figures offered to objectives equal what the inspection list itself counts."""

import datetime

import pytest

from apps.inspections.models import Inspection
from apps.inspections.selectors import inspection_list
from tests.inspections.factories import InspectionFactory
from tests.metrics_helpers import SHANGHAI, TODAY, YEAR, day, frozen, ytd
from tests.organization.factories import AreaFactory

pytestmark = pytest.mark.django_db

S = Inspection.Status


@pytest.fixture
def crafted(department, other_department, officer):
    with frozen():
        area = AreaFactory(department=department)
        other = AreaFactory(department=other_department)
        for due, status, finished, where in [
            (datetime.date(YEAR, 2, 1), S.FINISHED, day(2, 1, 23), area),
            (datetime.date(YEAR, 3, 1), S.FINISHED, day(3, 5), area),
            (datetime.date(YEAR, 5, 1), S.SCHEDULED, None, area),
            (datetime.date(YEAR, 6, 10), S.IN_PROGRESS, None, other),
            (datetime.date(YEAR, 7, 1), S.FINISHED, day(6, 1), other),  # finished early: counts, on time
            (datetime.date(YEAR, 7, 1), S.SCHEDULED, None, other),  # not due yet
        ]:
            InspectionFactory(area=area if where is area else other, due_date=due, status=status,
                              finished_at=finished, inspector=officer)  # fmt: skip


def test_overdue_count_equals_the_lists_overdue_status(crafted, officer):
    with frozen():
        assert (
            ytd("inspections.overdue_count").value
            == inspection_list(user=officer, filters={"status": "overdue"}).count()
            == 2
        )


def test_on_time_rate_equals_the_share_of_listed_inspections_finished_by_their_due_date(crafted, officer):
    with frozen():
        rows = [i for i in inspection_list(user=officer) if i.due_date < TODAY or i.status == S.FINISHED]
        on_time = [i for i in rows if i.finished_at and i.finished_at.astimezone(SHANGHAI).date() <= i.due_date]
        series = ytd("inspections.on_time_rate")
        assert (series.numerator, series.denominator) == (len(on_time), len(rows)) == (2, 5)
        assert str(series.value) == "40.0"


def test_an_inspection_counts_for_its_areas_department(crafted, department):
    with frozen():
        series = ytd("inspections.on_time_rate", department.pk)
        assert (series.numerator, series.denominator) == (1, 3)
