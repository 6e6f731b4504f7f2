"""The department safety scorecard (R2.1.4): per department, per quarter or year, the figures other modules
measure (read through ``apps.core.metrics`` by name, and training's clearance selector), a weighted total,
the ranking and the trend against the previous period.

Each figure's score is 0–100: a rate is its own score; major hazards open cost 25 points each; incidents
score on the harm done (work days lost, 5 points a day), never on how many were reported, so reporting a
near miss or a hazard never lowers a department's score. A figure without anything due (None) is left out
of the total and the other weights share its part; a department with no rate due at all has no total and
is not ranked.

Cost: one aggregate query per metric and period (this period and the previous one), one for the
departments, one for the weights, three for clearance, and a few per acknowledgement campaign due — the
same whatever the number of departments, people or records (tested at two sizes).
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from apps.core.metrics import get_metric, metric_by_department
from apps.organization.models import Department
from apps.training.selectors import clearance_for_people

from .models import ScoreWeights


@dataclasses.dataclass(frozen=True)
class Figure:
    key: str  # the weight's name; also the URL's
    metric: str
    label: object
    score: str  # "rate" | "major" | "lost_days"


FIGURES = [
    Figure("inspections", "inspections.on_time_rate", _("Inspections done on time"), "rate"),
    Figure("hazards", "hazards.closed_on_time_rate", _("Hazards closed by their deadline"), "rate"),
    Figure("major_hazards", "hazards.major_open_count", _("Major hazards open"), "major"),
    Figure("training", "training.compliance_rate", _("Required training completed on time"), "rate"),
    Figure("incidents", "incidents.lost_days", _("Work days lost to incidents"), "lost_days"),
    Figure("drills", "emergency.drills_held_rate", _("Drills held as planned"), "rate"),
    Figure("statements", "responsibilities.statements_signed_rate", _("Responsibility statements signed"), "rate"),
    Figure("acknowledgements", "documents.acknowledgements_rate", _("Acknowledgements done"), "rate"),
]
# Shown beside the scored figures, never scored: counting reports would penalise reporting.
INFO = [("incidents_count", "incidents.count", _("Incidents (near misses included)"))]
FIGURE_KEYS = {f.key for f in FIGURES} | {k for k, _m, _l in INFO}
BY_KEY = {f.key: f for f in FIGURES}
INFO_BY_KEY = {k: m for k, m, _l in INFO}
HUNDRED = Decimal(100)
MAJOR_POINTS, LOST_DAY_POINTS = Decimal(25), Decimal(5)


@dataclasses.dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 3 * (self.quarter - 1) + 1 if self.quarter else 1, 1)

    @property
    def end(self) -> datetime.date:
        if not self.quarter or self.quarter == 4:
            return datetime.date(self.year + 1, 1, 1)
        return datetime.date(self.year, 3 * self.quarter + 1, 1)

    @property
    def previous(self) -> Period:
        if not self.quarter:
            return Period(self.year - 1)
        return Period(self.year, self.quarter - 1) if self.quarter > 1 else Period(self.year - 1, 4)

    @property
    def slug(self) -> str:
        return f"{self.year}-q{self.quarter}" if self.quarter else str(self.year)

    @property
    def query(self) -> str:
        return urlencode({"year": self.year, **({"quarter": self.quarter} if self.quarter else {})})

    def __str__(self):
        return f"{self.year} Q{self.quarter}" if self.quarter else str(self.year)


def weights() -> dict[str, int]:
    row = ScoreWeights.objects.order_by("pk").first()
    return (row or ScoreWeights()).as_dict()


def figure_score(figure: Figure, value) -> Decimal | None:
    if value is None:
        return None
    value = Decimal(value)
    if figure.score == "rate":
        return value
    points = MAJOR_POINTS if figure.score == "major" else LOST_DAY_POINTS
    return max(Decimal(0), HUNDRED - points * value)


def weighted_total(scores: dict[str, Decimal | None], w: dict[str, int]) -> Decimal | None:
    """The weighted average of the scores there are; None (not ranked) while no rate had anything due:
    a department where nothing was measured is not "perfect"."""
    if all(scores.get(f.key) is None for f in FIGURES if f.score == "rate"):
        return None
    parts = [(w[k], s) for k, s in scores.items() if s is not None and w.get(k)]
    total_weight = sum(weight for weight, _s in parts)
    if not total_weight:
        return None
    total = sum(Decimal(weight) * s for weight, s in parts) / Decimal(total_weight)
    return total.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclasses.dataclass
class Cell:
    key: str
    label: object
    value: Decimal | None
    score: Decimal | None
    unit: object
    url: str


@dataclasses.dataclass
class Card:
    department: Department
    period: Period
    cells: list
    not_cleared: int
    total: Decimal | None
    previous_total: Decimal | None
    rank: int | None = None

    @property
    def trend(self) -> Decimal | None:
        if self.total is None or self.previous_total is None:
            return None
        return self.total - self.previous_total

    def cell(self, key):
        return next(c for c in self.cells if c.key == key)


def _values(period: Period, today) -> dict[str, dict]:
    """{figure key: {department_id: value}} for every scored and shown figure: one query per metric."""
    result = {}
    for key, metric in [(f.key, f.metric) for f in FIGURES] + [(k, m) for k, m, _l in INFO]:
        result[key] = metric_by_department(metric, start=period.start, end=period.end, today=today)
    return result


def _value(values: dict, key: str, department_id: int):
    by_department = values[key]
    if department_id in by_department:
        return by_department[department_id]
    metric = get_metric(BY_KEY[key].metric if key in BY_KEY else INFO_BY_KEY[key])
    return None if metric.is_rate else Decimal(0)


def not_cleared_by_department() -> dict[int, int]:
    """People not cleared for work (R6.4.1), per department, through training's selector."""
    people = get_user_model().objects.filter(is_active=True).select_related("post")
    counts: dict[int, int] = {}
    clearance = clearance_for_people(people)
    for person in people:
        if not clearance[person.pk].cleared:
            counts[person.department_id] = counts.get(person.department_id, 0) + 1
    return counts


def records_url(department_id: int, key: str, period: Period) -> str:
    return reverse("rewards:scorecard_records", args=[department_id, key]) + f"?{period.query}"


def scorecards(period: Period, *, today=None, departments=None) -> list[Card]:
    """Every department's card for ``period``, ranked by total (best first)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    w = weights()
    now, before = _values(period, today), _values(period.previous, today)
    not_cleared = not_cleared_by_department()
    departments = list(departments if departments is not None else Department.objects.order_by("name", "id"))
    cards = []
    for dept in departments:
        cells, scores, previous_scores = [], {}, {}
        for figure in FIGURES:
            value = _value(now, figure.key, dept.pk)
            scores[figure.key] = figure_score(figure, value)
            previous_scores[figure.key] = figure_score(figure, _value(before, figure.key, dept.pk))
            metric = get_metric(figure.metric)
            cells.append(Cell(figure.key, figure.label, value, scores[figure.key], metric.unit,
                              records_url(dept.pk, figure.key, period)))  # fmt: skip
        for key, metric_name, label in INFO:
            metric = get_metric(metric_name)
            cells.append(Cell(key, label, _value(now, key, dept.pk), None, metric.unit,
                              records_url(dept.pk, key, period)))  # fmt: skip
        cards.append(
            Card(
                dept,
                period,
                cells,
                not_cleared.get(dept.pk, 0),
                weighted_total(scores, w),
                weighted_total(previous_scores, w),
            )  # fmt: skip
        )
    ranked = sorted((c for c in cards if c.total is not None), key=lambda c: (-c.total, c.department.name))
    rank = 0
    last = None
    for position, card in enumerate(ranked, start=1):
        if card.total != last:
            rank, last = position, card.total
        card.rank = rank
    return sorted(cards, key=lambda c: (c.rank is None, c.rank or 0, c.department.name))


def figure_metric(key: str) -> str | None:
    if key in BY_KEY:
        return BY_KEY[key].metric
    return INFO_BY_KEY.get(key)


def figure_label(key: str):
    if key in BY_KEY:
        return BY_KEY[key].label
    return next(label for k, _m, label in INFO if k == key)
