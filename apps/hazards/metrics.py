"""The figures hazards offer to objectives and scorecards (``apps.core.metrics``), registered in
``HazardsConfig.ready()``. Each is one aggregate query grouped by department and month."""

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from apps.core.metrics import (
    COUNT,
    RATE,
    Metric,
    by_department_and_month,
    on_time_records,
    on_time_rows,
    records_by_department,
    register,
)

from .models import Hazard
from .selectors import overdue_q


def _list_url(department_id=None, **params):
    if department_id is not None:
        params["department"] = department_id
    return reverse("hazards:hazard_list") + (f"?{urlencode(params)}" if params else "")


def major_closed_on_time_rows(*, start, end, today):
    """Major hazards whose deadline falls in the period and that are due (deadline passed) or closed;
    on time = closed (verified) on or before the deadline. Month: the deadline's."""
    qs = Hazard.objects.filter(grade=Hazard.Grade.MAJOR, deadline__gte=start, deadline__lt=end).exclude(
        status=Hazard.Status.REJECTED
    )
    closed = Q(status=Hazard.Status.CLOSED)
    return on_time_rows(qs, due="deadline", done=closed, done_at="closed_at", department="department_id", today=today)


def _due_in(start, end):
    """Hazards (not rejected) whose rectification deadline falls in ``[start, end)``."""
    return Hazard.objects.filter(deadline__gte=start, deadline__lt=end).exclude(status=Hazard.Status.REJECTED)


CLOSED = Q(status=Hazard.Status.CLOSED)


def closed_on_time_rows(*, start, end, today):
    """Hazards of every grade due in the period (deadline passed, or closed); on time = closed on or before
    the deadline. Month: the deadline's."""
    return on_time_rows(_due_in(start, end), due="deadline", done=CLOSED, done_at="closed_at",
                        department="department_id", today=today)  # fmt: skip


def closed_on_time_records(*, start, end, today, department_id):
    return on_time_records(_due_in(start, end), due="deadline", done=CLOSED, done_at="closed_at",
                           department="department_id", department_id=department_id, today=today)  # fmt: skip


def _major_open(start, end):
    return Hazard.objects.filter(
        grade=Hazard.Grade.MAJOR, status__in=Hazard.OPEN_STATUSES, created_at__date__gte=start, created_at__date__lt=end
    )


def major_open_rows(*, start, end, today):
    """Major hazards reported in the period that are still open now, by the month of the report."""
    return by_department_and_month(_major_open(start, end), date="created_at", department="department_id")


def major_open_records(*, start, end, today, department_id):
    return records_by_department(_major_open(start, end), department="department_id", department_id=department_id)


def overdue_rows(*, start, end, today):
    """Hazards past their rectification deadline and not yet rectified (the list's "overdue"), by the
    month of the deadline."""
    qs = Hazard.objects.filter(overdue_q(today), deadline__gte=start, deadline__lt=end)
    return by_department_and_month(qs, date="deadline", department="department_id")


def reported_rows(*, start, end, today):
    """Hazards reported in the period (everyone takes part, R1.3), by the month of the report."""
    qs = Hazard.objects.filter(created_at__date__gte=start, created_at__date__lt=end)
    return by_department_and_month(qs, date="created_at", department="department_id")


METRICS = [
    Metric(
        name="hazards.closed_on_time_rate",
        label=_("Hazards closed by their deadline"),
        unit="%",
        kind=RATE,
        rows=closed_on_time_rows,
        records=closed_on_time_records,
        records_url=lambda *, year, department_id: _list_url(department_id),
        description=_(
            "Hazards due this year (deadline passed, or closed) that were verified and closed on or before "
            "the deadline."
        ),
    ),
    Metric(
        name="hazards.major_open_count",
        label=_("Major hazards open"),
        unit=_("hazards"),
        kind=COUNT,
        rows=major_open_rows,
        records=major_open_records,
        records_url=lambda *, year, department_id: _list_url(department_id, grade=Hazard.Grade.MAJOR, open="true"),
        description=_("Major hazards reported this year that are not closed yet."),
    ),
    Metric(
        name="hazards.major_closed_on_time_rate",
        label=_("Major hazards closed by their deadline"),
        unit="%",
        kind=RATE,
        rows=major_closed_on_time_rows,
        records_url=lambda *, year, department_id: _list_url(department_id, grade=Hazard.Grade.MAJOR),
        description=_(
            "Major hazards due this year (deadline passed, or closed) that were verified and closed "
            "on or before the deadline."
        ),
    ),
    Metric(
        name="hazards.overdue_count",
        label=_("Overdue hazards"),
        unit=_("hazards"),
        kind=COUNT,
        rows=overdue_rows,
        records_url=lambda *, year, department_id: _list_url(department_id, overdue="true"),
        description=_("Hazards with a deadline this year that are past it and not yet rectified."),
    ),
    Metric(
        name="hazards.reported_count",
        label=_("Hazards reported"),
        unit=_("hazards"),
        kind=COUNT,
        rows=reported_rows,
        records_url=lambda *, year, department_id: _list_url(
            department_id, reported_after=f"{year}-01-01", reported_before=f"{year}-12-31"
        ),
        description=_("Hazard reports made this year, whatever became of them."),
    ),
]


def register_metrics():
    register(*METRICS)
