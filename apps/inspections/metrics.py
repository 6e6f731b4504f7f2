"""The figures inspections offer to objectives and scorecards (``apps.core.metrics``), registered in
``InspectionsConfig.ready()``. Each is one aggregate query grouped by department and month.

An inspection's department is the one it was scheduled for, else its area's department."""

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.metrics import COUNT, RATE, Metric, by_department_and_month, on_time_records, on_time_rows, register

from .models import Inspection
from .selectors import OPEN


def _department():
    return Coalesce("department_id", "area__department_id")


def finished_on_time_rows(*, start, end, today):
    """Inspections due in the period that are due by now (due date passed) or finished; on time =
    finished on or before the due date. Month: the due date's."""
    qs = Inspection.objects.filter(due_date__gte=start, due_date__lt=end)
    finished = Q(status=Inspection.Status.FINISHED)
    return on_time_rows(qs, due="due_date", done=finished, done_at="finished_at", department=_department(), today=today)


def finished_on_time_records(*, start, end, today, department_id):
    qs = Inspection.objects.filter(due_date__gte=start, due_date__lt=end).select_related("template", "area")
    finished = Q(status=Inspection.Status.FINISHED)
    return on_time_records(qs, due="due_date", done=finished, done_at="finished_at", department=_department(),
                           department_id=department_id, today=today)  # fmt: skip


def overdue_rows(*, start, end, today):
    """Inspections due in the period, past their due date and not finished (the list's "overdue")."""
    qs = Inspection.objects.filter(status__in=OPEN, due_date__lt=today, due_date__gte=start).filter(due_date__lt=end)
    return by_department_and_month(qs, date="due_date", department=_department())


METRICS = [
    Metric(
        name="inspections.on_time_rate",
        label=_("Inspections done on time"),
        unit="%",
        kind=RATE,
        rows=finished_on_time_rows,
        records=finished_on_time_records,
        records_url=lambda *, year, department_id: reverse("inspections:inspection_list"),
        description=_("Inspections due this year (due date passed, or finished) that were finished by their due date."),
    ),
    Metric(
        name="inspections.overdue_count",
        label=_("Overdue inspections"),
        unit=_("inspections"),
        kind=COUNT,
        rows=overdue_rows,
        records_url=lambda *, year, department_id: reverse("inspections:inspection_list") + "?status=overdue",
        description=_("Inspections due this year that are past their due date and not finished."),
    ),
]


def register_metrics():
    register(*METRICS)
