"""The figures training offers to objectives and scorecards (``apps.core.metrics``), registered in
``TrainingConfig.ready()``. Each is one aggregate query grouped by department and month.

An assignment counts once it is due (its due date passed) or completed; it is on time when completed
on or before its due date. Cancelled assignments do not count. Department: the person's."""

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from apps.core.metrics import RATE, Metric, on_time_records, on_time_rows, register

from .models import Assignment


def _rows(qs, start, end, today):
    qs = qs.filter(due_date__gte=start, due_date__lt=end).exclude(status=Assignment.Status.CANCELLED)
    completed = Q(status=Assignment.Status.COMPLETED)
    return on_time_rows(qs, due="due_date", done=completed, done_at="completed_at",
                        department="person__department_id", today=today)  # fmt: skip


def compliance_records(*, start, end, today, department_id):
    qs = Assignment.objects.filter(due_date__gte=start, due_date__lt=end).exclude(status=Assignment.Status.CANCELLED)
    completed = Q(status=Assignment.Status.COMPLETED)
    return on_time_records(qs.select_related("person", "course"), due="due_date", done=completed,
                           done_at="completed_at", department="person__department_id", department_id=department_id,
                           today=today)  # fmt: skip


def induction_on_time_rows(*, start, end, today):
    """Induction (on hire) assignments: passed before the person was due to start work (R6.4.1)."""
    return _rows(Assignment.objects.filter(reason=Assignment.Reason.HIRE), start, end, today)


def compliance_rows(*, start, end, today):
    """Every kind of assignment (induction, post change, periodic, refresher, by hand)."""
    return _rows(Assignment.objects.all(), start, end, today)


def _matrix_url(department_id):
    query = f"?{urlencode({'department': department_id})}" if department_id is not None else ""
    return reverse("training:matrix") + query


METRICS = [
    Metric(
        name="training.induction_on_time_rate",
        label=_("Induction training passed on time"),
        unit="%",
        kind=RATE,
        rows=induction_on_time_rows,
        records_url=lambda *, year, department_id: reverse("training:new_hires"),
        description=_("Induction assignments due this year that were completed by their due date."),
    ),
    Metric(
        name="training.compliance_rate",
        label=_("Required training completed on time"),
        unit="%",
        kind=RATE,
        rows=compliance_rows,
        records=compliance_records,
        records_url=lambda *, year, department_id: _matrix_url(department_id),
        description=_("Training assignments of every kind due this year that were completed by their due date."),
    ),
]


def register_metrics():
    register(*METRICS)
