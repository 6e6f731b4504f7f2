"""Read operations on incidents: lists scoped to what the user may see, detail, statistics."""

from __future__ import annotations

import datetime
from collections import Counter, OrderedDict
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, Value
from django.utils import timezone

from apps.core.models import TimelineEntry
from apps.core.permissions import department_scope

from .models import CaseStudy, CorrectiveAction, HoursWorked, Incident, InvolvedPerson

RATE_BASE = 200_000  # hours: 100 full-time workers for a year (OSHA convention)


INJURED = InvolvedPerson.Role.INJURED


def _visible(user):
    scope = department_scope(user)
    if scope is None:
        return Incident.objects.all()
    injured_here = InvolvedPerson.objects.filter(role=INJURED, person__department_id__in=scope)
    ids = Incident.objects.filter(
        Q(department_id__in=scope)
        | Q(reporter=user)
        | Q(lead=user)
        | Q(people__person=user)
        | Q(actions__owner=user)
        | Q(pk__in=injured_here.values("incident_id"))
    ).values("pk")
    return Incident.objects.filter(pk__in=ids)


def _medical_visible(user):
    """Per row, may the user read the injuries (rules ``incidents.view_medical_details``, as a query)."""
    scope = department_scope(user)
    if scope is None:
        return Value(True)
    injured = InvolvedPerson.objects.filter(incident=OuterRef("pk"), role=INJURED).filter(
        Q(person=user) | Q(person__department_id__in=scope)
    )
    return Q(reporter=user) | Q(department_id__in=scope) | Exists(injured)


def incident_list(*, user):
    """Incidents the user may see with what the list shows, in a fixed number of queries.

    The counts are ``distinct``: two counts over two joins would otherwise multiply each other.
    ``medical_visible`` says whether the row's injured count may be shown to this user.
    """
    open_statuses = [CorrectiveAction.Status.OPEN, CorrectiveAction.Status.DONE]
    return (
        _visible(user)
        .select_related("area__floor__site", "department", "reporter")
        .annotate(
            open_action_count=Count("actions", filter=Q(actions__status__in=open_statuses), distinct=True),
            injured_count=Count("people", filter=Q(people__role=INJURED), distinct=True),
            medical_visible=ExpressionWrapper(_medical_visible(user), output_field=BooleanField()),
        )
    )


def incident_detail_qs(*, user):
    return (
        _visible(user)
        .select_related("area__floor__site", "department__head", "reporter", "lead", "plan", "plan_activated_by")
        .prefetch_related(
            Prefetch("people", queryset=InvolvedPerson.objects.select_related("person")),
            "events",
            Prefetch("actions", queryset=CorrectiveAction.objects.select_related("owner", "checked_by")),
        )
    )


def incident_timeline(incident):
    """The incident's history with its actions' moves (added, done, checked, raised as a hazard), in
    the order they happened: one list for the incident page and its PDF."""
    incident_type = ContentType.objects.get_for_model(Incident)
    action_type = ContentType.objects.get_for_model(CorrectiveAction)
    return (
        TimelineEntry.objects.filter(
            Q(content_type=incident_type, object_id=incident.pk)
            | Q(content_type=action_type, object_id__in=CorrectiveAction.objects.filter(incident=incident).values("pk"))
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )


def open_incidents(*, user, limit: int = 5):
    qs = incident_list(user=user).exclude(status=Incident.Status.CLOSED).order_by("-occurred_at", "-id")
    return qs[:limit] if limit else qs


def overdue_external_reports(*, user, now: datetime.datetime | None = None):
    now = now or timezone.now()
    return (
        _visible(user)
        .filter(external_required=True, external_reported_at__isnull=True, external_due_at__lt=now)
        .exclude(status=Incident.Status.CLOSED)
        .order_by("external_due_at", "id")
    )


def my_open_actions(*, user, limit: int = 5):
    return (
        CorrectiveAction.objects.filter(owner=user, status=CorrectiveAction.Status.OPEN)
        .select_related("incident")
        .order_by("due_date", "id")[:limit]
    )


def case_study_list():
    return CaseStudy.objects.all()


# --- statistics ---------------------------------------------------------------------------------


def rate_per_200k(cases: int, hours) -> Decimal | None:
    """Cases per 200,000 hours worked (LTIFR for lost-time injuries, TRIR for recordable ones)."""
    if not hours:
        return None
    return (Decimal(cases) * RATE_BASE / Decimal(hours)).quantize(Decimal("0.01"))


def injury_counts(*, start: datetime.date, end: datetime.date) -> dict:
    """Lost-time and recordable injury cases (one per injured person) with incidents in [start, end)."""
    people = InvolvedPerson.objects.filter(
        role=InvolvedPerson.Role.INJURED,
        incident__occurred_at__date__gte=start,
        incident__occurred_at__date__lt=end,
    ).only("treatment", "lost_work_days")
    lti = sum(1 for p in people if p.is_lost_time)
    recordable = sum(1 for p in people if p.is_recordable)
    lost_days = sum(p.lost_work_days for p in people)
    return {"lti": lti, "recordable": recordable, "lost_days": lost_days}


def hours_between(*, start: datetime.date, end: datetime.date):
    return sum((h.hours for h in HoursWorked.objects.filter(month__gte=start, month__lt=end)), Decimal(0))


def safety_rates(*, start: datetime.date, end: datetime.date) -> dict:
    counts = injury_counts(start=start, end=end)
    hours = hours_between(start=start, end=end)
    return {
        **counts,
        "hours": hours,
        "ltifr": rate_per_200k(counts["lti"], hours),
        "trir": rate_per_200k(counts["recordable"], hours),
    }


def _bars(pairs, *, label_map=None):
    pairs = list(pairs)
    peak = max((v for _k, v in pairs), default=0) or 1
    label_map = label_map or {}
    return [{"key": k, "label": label_map.get(k, k), "value": v, "pct": round(100 * v / peak)} for k, v in pairs]


def incident_statistics(*, months: int = 24, today: datetime.date | None = None) -> dict:
    """Everything the statistics page shows, for the last ``months`` months, in a few queries."""
    today = today or timezone.localdate()
    end = today.replace(day=1) + relativedelta(months=1)
    start = end - relativedelta(months=months)
    incidents = list(
        Incident.objects.filter(occurred_at__date__gte=start, occurred_at__date__lt=end)
        .select_related("department")
        .only("occurred_at", "type", "severity", "department__name", "department__name_zh")
    )
    by_month = OrderedDict()
    cursor = start
    while cursor < end:
        by_month[cursor] = 0
        cursor += relativedelta(months=1)
    for inc in incidents:
        by_month[timezone.localtime(inc.occurred_at).date().replace(day=1)] += 1
    by_type = Counter(i.type for i in incidents)
    by_severity = Counter(i.severity for i in incidents)
    by_department = Counter(str(i.department) if i.department_id else "—" for i in incidents)

    people = list(
        InvolvedPerson.objects.filter(
            role=InvolvedPerson.Role.INJURED,
            incident__occurred_at__date__gte=start,
            incident__occurred_at__date__lt=end,
        )
        .select_related("incident")
        .only("treatment", "lost_work_days", "incident__occurred_at")
    )
    hours = {h.month: h.hours for h in HoursWorked.objects.filter(month__gte=start, month__lt=end)}
    lti_by_month = Counter(
        timezone.localtime(p.incident.occurred_at).date().replace(day=1) for p in people if p.is_lost_time
    )
    rec_by_month = Counter(
        timezone.localtime(p.incident.occurred_at).date().replace(day=1) for p in people if p.is_recordable
    )
    years = OrderedDict()
    for month in by_month:
        y = years.setdefault(
            month.year,
            {"year": month.year, "incidents": 0, "lti": 0, "recordable": 0, "hours": Decimal(0), "lost_days": 0},
        )
        y["incidents"] += by_month[month]
        y["lti"] += lti_by_month[month]
        y["recordable"] += rec_by_month[month]
        y["hours"] += hours.get(month, Decimal(0))
    for p in people:
        yr = timezone.localtime(p.incident.occurred_at).year
        if yr in years:
            years[yr]["lost_days"] += p.lost_work_days
    for y in years.values():
        y["ltifr"] = rate_per_200k(y["lti"], y["hours"])
        y["trir"] = rate_per_200k(y["recordable"], y["hours"])
    total_hours = sum(hours.values(), Decimal(0))
    total_lti, total_rec = sum(lti_by_month.values()), sum(rec_by_month.values())
    month_rows = [
        {
            "month": m,
            "count": c,
            "lti": lti_by_month[m],
            "recordable": rec_by_month[m],
            "hours": hours.get(m),
        }
        for m, c in by_month.items()
    ]
    peak = max((r["count"] for r in month_rows), default=0) or 1
    for i, row in enumerate(month_rows):
        row["height"] = round(100 * row["count"] / peak)
        row["x"] = i * 20
        row["y"] = 110 - row["height"]
    return {
        "start": start,
        "end": end,
        "total": len(incidents),
        "months": month_rows,
        "chart_width": len(month_rows) * 20,
        "by_type": _bars(by_type.most_common(), label_map=dict(Incident.Type.choices)),
        "by_severity": _bars(
            [(s, by_severity.get(s, 0)) for s in Incident.Severity.values], label_map=dict(Incident.Severity.choices)
        ),
        "by_department": _bars(by_department.most_common()),
        "years": list(years.values()),
        "lti": total_lti,
        "recordable": total_rec,
        "hours": total_hours,
        "ltifr": rate_per_200k(total_lti, total_hours),
        "trir": rate_per_200k(total_rec, total_hours),
        "hours_rows": [{"month": m, "hours": hours.get(m)} for m in reversed(list(by_month))],
    }
