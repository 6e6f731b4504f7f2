"""The figures emergency offers to objectives and scorecards (``apps.core.metrics``), registered in
``EmergencyConfig.ready()``. A drill's department is the one that owns its contingency plan's document."""

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from apps.core.metrics import RATE, Metric, by_department_and_month, records_by_department, register

from .models import Drill

DEPARTMENT = "plan__document__owner_department_id"
HELD = Q(status=Drill.Status.DONE)


def _due(start, end, today):
    """Drills planned in the period (not cancelled) that are due by now (planned day passed) or held."""
    qs = Drill.objects.filter(planned_at__date__gte=start, planned_at__date__lt=end).exclude(
        status=Drill.Status.CANCELLED
    )
    return qs.filter(Q(planned_at__date__lt=today) | HELD)


def held_rows(*, start, end, today):
    return by_department_and_month(_due(start, end, today), date="planned_at", department=DEPARTMENT, numerator=HELD,
                                   rate=True)  # fmt: skip


def held_records(*, start, end, today, department_id):
    qs = _due(start, end, today).select_related("plan")
    return records_by_department(qs, department=DEPARTMENT, department_id=department_id, numerator=HELD)


METRICS = [
    Metric(
        name="emergency.drills_held_rate",
        label=_("Drills held as planned"),
        unit="%",
        kind=RATE,
        rows=held_rows,
        records=held_records,
        records_url=lambda *, year, department_id: reverse("emergency:drill_list") + f"?{urlencode({'year': year})}",
        description=_("Drills planned this year (planned day passed, or held) that were held."),
    ),
]


def register_metrics():
    register(*METRICS)
