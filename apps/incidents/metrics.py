"""The figures incidents offer to objectives and scorecards (``apps.core.metrics``), registered in
``IncidentsConfig.ready()``. Each is one aggregate query grouped by department and month."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from apps.core.metrics import COUNT, Metric, by_department_and_month, register

from .models import Incident


def _list_url(year, department_id=None, **params):
    params["year"] = year
    if department_id is not None:
        params["department"] = department_id
    return reverse("incidents:incident_list") + f"?{urlencode(params)}"


def _in_period(start, end):
    return Incident.objects.filter(occurred_at__date__gte=start, occurred_at__date__lt=end)


def major_rows(*, start, end, today):
    """Incidents of major severity that happened in the period, by the month they happened."""
    qs = _in_period(start, end).filter(severity=Incident.Severity.MAJOR)
    return by_department_and_month(qs, date="occurred_at", department="department_id")


def all_rows(*, start, end, today):
    """Every incident (near misses included) that happened in the period."""
    return by_department_and_month(_in_period(start, end), date="occurred_at", department="department_id")


METRICS = [
    Metric(
        name="incidents.major_count",
        label=_("Major incidents"),
        unit=_("incidents"),
        kind=COUNT,
        rows=major_rows,
        records_url=lambda *, year, department_id: _list_url(year, department_id, severity=Incident.Severity.MAJOR),
        description=_("Incidents recorded with major severity that happened this year."),
    ),
    Metric(
        name="incidents.count",
        label=_("Incidents (all, near misses included)"),
        unit=_("incidents"),
        kind=COUNT,
        rows=all_rows,
        records_url=lambda *, year, department_id: _list_url(year, department_id),
        description=_("Every incident reported as happening this year, near misses included."),
    ),
]


def register_metrics():
    register(*METRICS)
