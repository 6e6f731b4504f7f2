"""The metrics registry (apps/core/metrics.py): series, periods, departments and query cost."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core import metrics
from apps.core.metrics import COUNT, RATE, Metric, metric_by_department, metric_series, metric_series_many, metric_value

TODAY = datetime.date(2026, 3, 20)
ROWS = [(1, 1, 2, 4), (1, 2, 1, 1), (2, 2, 3, 3), (None, 3, 1, 2)]


@pytest.fixture
def fake():
    made = []

    def add(kind):
        metric = Metric(
            name=f"test.{kind}",
            label=kind,
            unit="",
            kind=kind,
            rows=lambda *, start, end, today: ROWS,
            records_url=lambda *, year, department_id: f"/x/{year}/{department_id}",
        )
        metrics.register(metric)
        made.append(metric.name)
        return metric

    yield add
    for name in made:
        metrics._REGISTRY.pop(name, None)


def test_a_count_metric_sums_its_rows_and_leaves_months_not_reached_empty(fake):
    fake(COUNT)
    series = metric_series("test.count", year=2026, today=TODAY)
    assert series.value == 7
    assert series.months[:4] == [2, 4, 1, None]


def test_a_rate_metric_divides_the_sums_not_the_monthly_rates(fake):
    fake(RATE)
    series = metric_series("test.rate", year=2026, today=TODAY)
    assert series.value == Decimal("70.0")  # 7 of 10, not the mean of 50 %, 100 %, 50 %
    assert series.months[:3] == [Decimal("50.0"), Decimal("100.0"), Decimal("50.0")]


def test_a_department_series_reads_only_that_departments_rows(fake):
    fake(COUNT)
    assert metric_series("test.count", year=2026, department_id=1, today=TODAY).value == 3
    assert metric_series("test.count", year=2026, department_id=1, today=TODAY).records_url == "/x/2026/1"


def test_a_year_not_started_has_no_value(fake):
    fake(COUNT)
    series = metric_series("test.count", year=2027, today=TODAY)
    assert series.value is None and series.months == [None] * 12


def test_a_rate_with_nothing_due_has_no_value(fake):
    metric = fake(RATE)
    assert metrics._value(metric, 0, 0) is None


def test_metric_by_department_gives_one_figure_per_department(fake):
    fake(RATE)
    by_dept = metric_by_department("test.rate", start=datetime.date(2026, 1, 1), end=datetime.date(2027, 1, 1))
    assert by_dept == {1: Decimal("60.0"), 2: Decimal("100.0"), None: Decimal("50.0")}


def test_an_unknown_metric_is_left_out_of_many_and_is_a_key_error_for_one_value():
    assert metric_series_many([("nope.nothing", None)], year=2026) == {}
    with pytest.raises(KeyError):
        metric_value("nope.nothing", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 2, 1))


@pytest.mark.django_db
def test_many_series_cost_one_query_per_distinct_metric_whatever_the_departments(department, other_department):
    wanted = [(name, dept) for name in ("hazards.overdue_count", "incidents.major_count")
              for dept in (None, department.pk, other_department.pk)]  # fmt: skip
    with CaptureQueriesContext(connection) as ctx:
        result = metric_series_many(wanted, year=2026)
    assert len(result) == 6
    assert len(ctx.captured_queries) == 2


def test_the_four_named_metrics_of_the_issue_are_registered():
    names = {m.name for m in metrics.registered_metrics()}
    assert {
        "incidents.major_count",
        "training.induction_on_time_rate",
        "inspections.on_time_rate",
        "hazards.major_closed_on_time_rate",
    } <= names
