"""The figures this module offers to objectives and scorecards (``apps.core.metrics``): statements
signed, action items and work plan tasks done on time. One aggregate query each, by department and
month."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.metrics import RATE, Metric, by_department_and_month, on_time_rows, records_by_department, register

from .models import Action, Statement, Task, WorkPlan


def statements_signed_rows(*, start, end, today):
    """The year's statements (not withdrawn) and how many their person signed. Month: of issue."""
    qs = Statement.objects.filter(year=start.year).exclude(status=Statement.Status.WITHDRAWN)
    signed = Q(status__in=[Statement.Status.SIGNED, Statement.Status.COUNTERSIGNED])
    return by_department_and_month(qs, date="created_at", department="department_id", numerator=signed, rate=True)


def statements_signed_records(*, start, end, today, department_id):
    qs = Statement.objects.filter(year=start.year).exclude(status=Statement.Status.WITHDRAWN).select_related("person")
    signed = Q(status__in=[Statement.Status.SIGNED, Statement.Status.COUNTERSIGNED])
    return records_by_department(qs, department="department_id", department_id=department_id, numerator=signed)


def actions_on_time_rows(*, start, end, today):
    """Meeting action items due in the period that are due by now or done; on time = done by the due
    date. Department: the owner's."""
    qs = Action.objects.filter(due_date__gte=start, due_date__lt=end).exclude(status=Action.Status.CANCELLED)
    done = Q(status=Action.Status.DONE)
    return on_time_rows(
        qs, due="due_date", done=done, done_at="done_at", department="owner__department_id", today=today
    )


def tasks_on_time_rows(*, start, end, today):
    """Tasks of approved work plans due in the period that are due by now or done; on time = done by
    the end of their month."""
    qs = Task.objects.filter(plan__status=WorkPlan.Status.APPROVED, due_date__gte=start, due_date__lt=end)
    qs = qs.exclude(status=Task.Status.CANCELLED)
    done = Q(status=Task.Status.DONE)
    return on_time_rows(qs, due="due_date", done=done, done_at="done_at", department="department_id", today=today)


def _status_url(*, year, department_id):
    return reverse("responsibilities:statement_status") + f"?year={year}"


METRICS = [
    Metric(
        name="responsibilities.statements_signed_rate",
        label=_("Responsibility statements signed"),
        unit="%",
        kind=RATE,
        rows=statements_signed_rows,
        records=statements_signed_records,
        records_url=_status_url,
        description=_("The year's responsibility statements signed by their person."),
    ),
    Metric(
        name="responsibilities.actions_on_time_rate",
        label=_("Meeting action items done on time"),
        unit="%",
        kind=RATE,
        rows=actions_on_time_rows,
        records_url=lambda *, year, department_id: reverse("responsibilities:action_list") + "?status=all",
        description=_("Action items due this year (due date passed, or done) that were done by their due date."),
    ),
    Metric(
        name="responsibilities.tasks_on_time_rate",
        label=_("Work plan tasks done on time"),
        unit="%",
        kind=RATE,
        rows=tasks_on_time_rows,
        records_url=lambda *, year, department_id: reverse("responsibilities:plan_overview") + f"?year={year}",
        description=_("Tasks of the approved work plan due this year that were done by the end of their month."),
    ),
]


def register_metrics():
    register(*METRICS)
