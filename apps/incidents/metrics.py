"""The figures incidents offer to objectives and scorecards (``apps.core.metrics``), registered in
``IncidentsConfig.ready()``. Each is one aggregate query grouped by department and month."""

from django.db.models import F, Sum
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from apps.core.metrics import COUNT, Metric, by_department_and_month, records_by_department, register

from .models import Incident, InvolvedPerson


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


def all_records(*, start, end, today, department_id):
    return records_by_department(_in_period(start, end), department="department_id", department_id=department_id)


def _lost(start, end):
    return InvolvedPerson.objects.filter(
        incident__occurred_at__date__gte=start, incident__occurred_at__date__lt=end, lost_work_days__gt=0
    )


def lost_days_rows(*, start, end, today):
    """Work days lost by the people hurt in the period's incidents (department: the incident's), by month."""
    rows = (
        _lost(start, end)
        .values(dept=F("incident__department_id"), month=ExtractMonth("incident__occurred_at"))
        .order_by()
        .annotate(days=Sum("lost_work_days"))
    )
    return [(r["dept"], r["month"], r["days"] or 0, 0) for r in rows]


def lost_days_records(*, start, end, today, department_id):
    """The people who lost work days (each counts its days)."""
    return records_by_department(
        _lost(start, end).select_related("incident", "person"), department="incident__department_id",
        department_id=department_id,
    )  # fmt: skip


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
        records=all_records,
        records_url=lambda *, year, department_id: _list_url(year, department_id),
        description=_("Every incident reported as happening this year, near misses included."),
    ),
    Metric(
        name="incidents.lost_days",
        label=_("Work days lost to incidents"),
        unit=_("days"),
        kind=COUNT,
        rows=lost_days_rows,
        records=lost_days_records,
        records_url=lambda *, year, department_id: _list_url(year, department_id),
        description=_("Work days lost by the people hurt in incidents that happened this year."),
    ),
]


def register_metrics():
    register(*METRICS)
