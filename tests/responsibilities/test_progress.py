"""An objective's progress: live figures from the registry, figures by hand, on track / at risk / missed."""

import datetime
from decimal import Decimal

import pytest

from apps.responsibilities.models import Objective
from apps.responsibilities.selectors import objectives_progress, progress_state
from tests.incidents.factories import IncidentFactory
from tests.metrics_helpers import YEAR, day, frozen
from tests.responsibilities.conftest import make_objective

P = Objective.Progress
MID_YEAR = datetime.date(YEAR, 7, 2)


def _objective(direction, target, year=YEAR):
    return Objective(year=year, direction=direction, target=Decimal(target))


@pytest.mark.parametrize(
    ("direction", "target", "value", "cumulative", "today", "expected"),
    [
        ("at_most", 0, 0, True, MID_YEAR, P.ON_TRACK),
        ("at_most", 0, 1, True, MID_YEAR, P.MISSED),  # a count past an "at most" target never comes down
        ("at_most", 10, 6, True, MID_YEAR, P.AT_RISK),  # 6 by mid-year projects to 12
        ("at_most", 10, 4, True, MID_YEAR, P.ON_TRACK),
        ("at_least", 95, 90, False, MID_YEAR, P.AT_RISK),
        ("at_least", 95, 96, False, MID_YEAR, P.ON_TRACK),
        ("at_least", 95, 90, False, datetime.date(YEAR + 1, 1, 2), P.MISSED),
        ("at_least", 12, 5, True, MID_YEAR, P.AT_RISK),
        ("at_least", 12, 7, True, MID_YEAR, P.ON_TRACK),
    ],
)
def test_progress_state(direction, target, value, cumulative, today, expected):
    state = progress_state(_objective(direction, target), Decimal(value), cumulative=cumulative, today=today)
    assert state == expected


def test_no_figure_yet_is_said_so():
    assert progress_state(_objective("at_least", 1), None, cumulative=False, today=MID_YEAR) == P.NO_DATA


@pytest.mark.django_db
def test_a_live_objective_shows_the_modules_count_and_links_to_its_records(officer, employee):
    with frozen():
        objective = make_objective(officer, year=YEAR)
        IncidentFactory(severity="major", occurred_at=day(3, 1), reporter=employee)
        progress = objectives_progress([objective], year=YEAR)[objective.pk]
    assert progress.value == 1 and progress.state == P.MISSED
    assert progress.months[2] == 1
    assert "severity=major" in progress.records_url


@pytest.mark.django_db
def test_a_department_objective_counts_only_its_department(officer, employee, outsider):
    with frozen():
        parent = make_objective(officer, year=YEAR)
        child = make_objective(officer, year=YEAR, parent=parent, department=outsider.department)
        IncidentFactory(severity="major", occurred_at=day(3, 1), reporter=employee)
        progress = objectives_progress([parent, child], year=YEAR)
    assert progress[parent.pk].value == 1 and progress[child.pk].value == 0


@pytest.mark.django_db
def test_a_manual_objective_shows_its_latest_figure_and_the_last_of_each_month(officer):
    from apps.responsibilities import services

    with frozen():
        objective = make_objective(officer, year=YEAR, metric="", direction="at_least", target=Decimal(4))
        for date, value in [
            (datetime.date(YEAR, 2, 1), 1),
            (datetime.date(YEAR, 2, 20), 2),
            (datetime.date(YEAR, 5, 3), 3),
        ]:
            services.objective_figure_add(objective=objective, user=officer, date=date, value=value)
        progress = objectives_progress([objective], year=YEAR)[objective.pk]
    assert progress.value == 3 and progress.as_of == datetime.date(YEAR, 5, 3)
    assert progress.months[1] == 2 and progress.months[4] == 3
    assert progress.state == P.AT_RISK
