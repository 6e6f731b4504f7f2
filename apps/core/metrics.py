"""The metrics registry: named figures that a module measures and others read (objectives, scorecards,
dashboards) without importing it.

A module declares its metrics in ``apps/<app>/metrics.py`` and registers them in its
``AppConfig.ready()``::

    from apps.core.metrics import COUNT, Metric, by_department_and_month, register

    def major_rows(*, start, end, today):
        qs = Incident.objects.filter(severity="major", occurred_at__date__gte=start, occurred_at__date__lt=end)
        return by_department_and_month(qs, date="occurred_at", department="department_id")

    register(Metric(
        name="incidents.major_count", label=_("Major incidents"), unit=_("incidents"), kind=COUNT,
        rows=major_rows, records_url=lambda *, year, department_id: f"/incidents/?severity=major&year={year}",
    ))  # or register(*METRICS), several at once

``rows(*, start, end, today)`` answers with **one aggregate query** the figure of the records in the
half-open period ``[start, end)``, grouped by department and month: an iterable of
``(department_id or None, month 1–12, numerator, denominator)``. A ``COUNT`` metric's value is the sum
of the numerators; a ``RATE`` metric's value is ``100 × Σ numerator / Σ denominator`` (None while the
denominator is 0: nothing was due yet). Because rows come grouped, one query serves every department
and every month of a page, whatever the number of objectives or employees.

``records_url(*, year, department_id)`` is the module's own filtered list behind the figure.
:func:`on_time_rows` builds the rows of the common "done by the due date" rate.

Readers: :func:`metric_series` (one metric, one department, month by month),
:func:`metric_series_many` (many at once: one query per distinct metric), :func:`metric_value` (any
period, e.g. a quarter for the scorecard) and :func:`metric_by_department` (one figure per department).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone

COUNT, RATE = "count", "rate"
KINDS = (COUNT, RATE)
HUNDRED = Decimal(100)


@dataclasses.dataclass(frozen=True)
class Metric:
    name: str  # "<app>.<what>", e.g. "incidents.major_count"
    label: object  # lazily translated: "Major incidents"
    unit: object  # lazily translated: "incidents", or "%" for a rate
    rows: Callable  # (*, start, end, today) -> iterable of (department_id, month, numerator, denominator)
    records_url: Callable  # (*, year, department_id) -> str
    kind: str = COUNT
    description: object = ""  # how it is counted, for the objective page
    # (*, start, end, today, department_id) -> queryset of the records the figure counts (a rate: those of its
    # denominator, each annotated ``ok`` when it is in the numerator); the scorecard lists them behind a figure
    records: Callable | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: kind must be one of {KINDS}")
        if "." not in self.name:
            raise ValueError(f"{self.name}: name it '<app>.<what>'")

    @property
    def is_rate(self) -> bool:
        return self.kind == RATE

    @property
    def app_label(self) -> str:
        return self.name.split(".", 1)[0]


_REGISTRY: dict[str, Metric] = {}


def register(*metrics: Metric) -> None:
    """Register (or replace, on a re-run of ``ready()``) metrics under their names."""
    for metric in metrics:
        _REGISTRY[metric.name] = metric


def get_metric(name: str) -> Metric | None:
    return _REGISTRY.get(name)


def registered_metrics() -> list[Metric]:
    return sorted(_REGISTRY.values(), key=lambda m: m.name)


def metric_choices() -> list[tuple[str, object]]:
    """``(name, label)`` pairs for a form's select."""
    return [(m.name, m.label) for m in registered_metrics()]


# ---------------------------------------------------------------------------------------------- helpers for modules


def by_department_and_month(qs, *, date: str, department, numerator: Q | None = None, rate: bool = False):
    """The rows of a metric from a queryset, in one query: grouped by ``department`` (a field path,
    e.g. ``"department_id"`` or ``"person__department_id"``, or an expression such as
    ``Coalesce("department_id", "area__department_id")``) and the month of ``date`` (in the
    company's time zone for a date-time). The numerator counts the rows matching ``numerator`` (all rows
    when None); for a rate the denominator counts every row."""
    dept = F(department) if isinstance(department, str) else department
    values = qs.values(dept=dept, month=ExtractMonth(date)).order_by()
    annotations = {"num": Count("pk", filter=numerator) if numerator is not None else Count("pk")}
    if rate:
        annotations["den"] = Count("pk")
    return [(r["dept"], r["month"], r["num"], r.get("den", 0)) for r in values.annotate(**annotations)]


def on_time_rows(qs, *, due: str, done: Q, done_at: str, department, today):
    """The rows of an "on time" rate: of the records in ``qs`` (already limited to the period by
    ``due``), those due by now (due date passed) or ``done`` count; on time = ``done`` with the date of
    ``done_at`` (company time zone) on or before ``due``. Month: the due date's."""
    qs = qs.filter(Q(**{f"{due}__lt": today}) | done)
    on_time = done & Q(**{f"{done_at}__date__lte": F(due)})
    return by_department_and_month(qs, date=due, department=department, numerator=on_time, rate=True)


def _department_filter(qs, department, department_id):
    if department_id is None:
        return qs
    dept = F(department) if isinstance(department, str) else department
    return qs.annotate(metric_department=dept).filter(metric_department=department_id)


def records_by_department(qs, *, department, department_id, numerator: Q | None = None):
    """The records behind :func:`by_department_and_month`'s figure for one department (all when None),
    each annotated ``ok`` (in the numerator) for a rate."""
    qs = _department_filter(qs, department, department_id)
    if numerator is not None:
        qs = qs.annotate(ok=ExpressionWrapper(numerator, output_field=BooleanField()))
    return qs


def on_time_records(qs, *, due: str, done: Q, done_at: str, department, department_id, today):
    """The records behind :func:`on_time_rows` for one department: those due by now or done, ``ok`` when
    done on time."""
    qs = qs.filter(Q(**{f"{due}__lt": today}) | done)
    on_time = done & Q(**{f"{done_at}__date__lte": F(due)})
    return records_by_department(qs, department=department, department_id=department_id, numerator=on_time)


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)


def to_percent(numerator, denominator) -> Decimal | None:
    if not denominator:
        return None
    return (HUNDRED * Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------- readers


@dataclasses.dataclass
class Series:
    """One metric for one department (or the company: ``department_id=None``) over one year."""

    metric: Metric
    year: int
    department_id: int | None
    months: list  # twelve values (Decimal or None); None for months not reached yet or with nothing due
    value: Decimal | None  # year to date
    numerator: int = 0
    denominator: int = 0

    @property
    def records_url(self) -> str:
        return self.metric.records_url(year=self.year, department_id=self.department_id)


def _value(metric: Metric, numerator, denominator) -> Decimal | None:
    if metric.is_rate:
        return to_percent(numerator, denominator)
    return Decimal(numerator)


def _series(metric: Metric, rows, *, year: int, department_id, today: datetime.date) -> Series:
    num_by_month, den_by_month = defaultdict(int), defaultdict(int)
    for dept, month, num, den in rows:
        if department_id is not None and dept != department_id:
            continue
        num_by_month[month] += num or 0
        den_by_month[month] += den or 0
    last_month = 12 if today.year > year else (today.month if today.year == year else 0)
    months = []
    for m in range(1, 13):
        if m > last_month:
            months.append(None)
        elif metric.is_rate:
            months.append(to_percent(num_by_month[m], den_by_month[m]))
        else:
            months.append(Decimal(num_by_month[m]))
    numerator, denominator = sum(num_by_month.values()), sum(den_by_month.values())
    value = _value(metric, numerator, denominator) if last_month else None
    return Series(metric, year, department_id, months, value, numerator, denominator)


def _rows(metric: Metric, *, start, end, today):
    return list(metric.rows(start=start, end=end, today=today))


def metric_series_many(
    wanted: Iterable[tuple[str, int | None]], *, year: int, today: datetime.date | None = None
) -> dict[tuple[str, int | None], Series]:
    """Series for many ``(metric name, department_id)`` pairs of one year: one query per distinct
    metric, whatever the number of pairs. Unknown metric names are left out of the answer."""
    today = today or timezone.localdate()
    start, end = year_bounds(year)
    wanted = list(wanted)
    rows_by_metric = {}
    result = {}
    for name, department_id in wanted:
        metric = get_metric(name)
        if metric is None:
            continue
        if name not in rows_by_metric:
            rows_by_metric[name] = _rows(metric, start=start, end=end, today=today)
        result[(name, department_id)] = _series(
            metric, rows_by_metric[name], year=year, department_id=department_id, today=today
        )
    return result


def metric_series(name: str, *, year: int, department_id: int | None = None, today=None) -> Series | None:
    return metric_series_many([(name, department_id)], year=year, today=today).get((name, department_id))


def metric_value(name: str, *, start, end, department_id: int | None = None, today=None) -> Decimal | None:
    """The figure of any period ``[start, end)`` (a quarter, a month) for a department or the company."""
    metric = get_metric(name)
    if metric is None:
        raise KeyError(name)
    today = today or timezone.localdate()
    numerator = denominator = 0
    for dept, _month, num, den in _rows(metric, start=start, end=end, today=today):
        if department_id is None or dept == department_id:
            numerator += num or 0
            denominator += den or 0
    return _value(metric, numerator, denominator)


def metric_records(name: str, *, start, end, department_id: int | None = None, today=None):
    """The records behind a figure (``Metric.records``) of ``[start, end)`` for a department, or None when
    the metric does not list them."""
    metric = get_metric(name)
    if metric is None:
        raise KeyError(name)
    if metric.records is None:
        return None
    return metric.records(start=start, end=end, today=today or timezone.localdate(), department_id=department_id)


def metric_by_department(name: str, *, start, end, today=None) -> dict[int | None, Decimal | None]:
    """One figure per department (None: records without a department) for ``[start, end)``, one query."""
    metric = get_metric(name)
    if metric is None:
        raise KeyError(name)
    today = today or timezone.localdate()
    sums = defaultdict(lambda: [0, 0])
    for dept, _month, num, den in _rows(metric, start=start, end=end, today=today):
        sums[dept][0] += num or 0
        sums[dept][1] += den or 0
    return {dept: _value(metric, num, den) for dept, (num, den) in sums.items()}
