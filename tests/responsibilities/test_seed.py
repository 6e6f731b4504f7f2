import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.responsibilities.models import Action, Budget, Meeting, Objective, Spending, Statement, Task, WorkPlan
from apps.responsibilities.selectors import objectives_progress

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _seed():
    call_command("seed_demo", only=["hazards", "responsibilities"], stdout=io.StringIO())


def _counts():
    return [m.objects.count() for m in (Objective, Budget, Spending, WorkPlan, Task, Meeting, Action, Statement)]


def test_seed_demo_adds_this_years_responsibilities_through_the_services_and_is_idempotent(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _seed()
    year = timezone.localdate().year
    objectives = list(Objective.objects.filter(year=year, status="approved"))
    assert sum(1 for o in objectives if o.metric) >= 4
    assert any(o.parent_id for o in objectives)
    progress = objectives_progress(objectives, year=year)
    assert all(progress[o.pk].state for o in objectives)

    budget = Budget.objects.get(year=year)
    assert budget.status == "approved" and Spending.objects.filter(line__budget=budget, status="recorded").exists()
    assert Spending.objects.filter(status="awaiting_override").exists()
    assert Spending.objects.filter(source_id__isnull=False).exists()  # funds a major hazard

    plan = WorkPlan.objects.get(year=year)
    assert plan.status == "approved" and plan.tasks.count() == 12

    assert Meeting.objects.count() == 4
    assert Meeting.objects.filter(decisions__isnull=False).distinct().count() >= 3
    assert any(a.is_overdue for a in Action.objects.all())

    statuses = set(Statement.objects.filter(year=year).values_list("status", flat=True))
    assert {"issued", "signed", "countersigned"} <= statuses
    assert Statement.objects.get(year=year, person__username="employee").status == "issued"

    counts = _counts()
    _seed()
    assert _counts() == counts
