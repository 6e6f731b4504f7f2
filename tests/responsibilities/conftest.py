"""Fixtures for the responsibilities tests: records made through the services (as the app makes them)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.responsibilities import services
from tests.organization.factories import UserFactory


@pytest.fixture
def deputy(manager):
    """A second member of management: approves what ``manager`` prepared."""
    return UserFactory(username="deputy", full_name="吴副总", department=manager.department, role="management")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs what the services queue for after commit (notifications)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def this_year():
    return timezone.localdate().year


def make_objective(user, **overrides):
    data = {
        "year": this_year(),
        "title": "No major incidents",
        "title_zh": "零重大事故",
        "metric": "incidents.major_count",
        "direction": "at_most",
        "target": Decimal(0),
    }
    data.update(overrides)
    return services.objective_create(user=user, **data)


def approved_budget(officer, manager, *, amount=Decimal("1000.00"), year=None):
    budget = services.budget_create(user=officer, year=year or this_year())
    line = services.budget_line_add(
        budget=budget, user=officer, category="equipment", description="Extinguishers", amount_requested=amount
    )
    services.budget_submit(budget=budget, user=officer)
    services.budget_approve(budget=budget, user=manager)
    line.refresh_from_db()
    return budget, line


def approved_plan(officer, manager, owner, *, months=(1,), year=None):
    plan = services.workplan_create(user=officer, year=year or this_year())
    tasks = [
        services.task_add(plan=plan, user=officer, title=f"Task {m}", month=m, owner=owner, clause_ref="R3.1.4")
        for m in months
    ]
    services.workplan_submit(workplan=plan, user=officer)
    services.workplan_approve(workplan=plan, user=manager)
    return plan, tasks


def make_meeting(officer, *, chair=None, days=7, **overrides):
    data = {
        "type": "committee",
        "title": "Safety committee",
        "title_zh": "安全委员会会议",
        "starts_at": timezone.now() + datetime.timedelta(days=days),
        "duration_minutes": 60,
        "chair": chair or officer,
    }
    data.update(overrides)
    return services.meeting_create(user=officer, **data)


def make_action(officer, owner, *, due_in=5, meeting=None):
    meeting = meeting or make_meeting(officer)
    decision = services.decision_add(
        meeting=meeting, user=officer, text="Replace the expired extinguishers",
        action_title="Replace extinguishers on floor 5", owner=owner,
        due_date=timezone.localdate() + datetime.timedelta(days=due_in),
    )  # fmt: skip
    return decision.actions.get()


def refused(call, obj, exc=None):
    """Call a service that must refuse; return the error after checking it changed nothing: the same
    status, fields and timeline as before."""
    from apps.core.exceptions import ApplicationError
    from apps.core.selectors import timeline_for

    obj.refresh_from_db()
    before = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    rows = timeline_for(obj).count()
    with pytest.raises(exc or ApplicationError) as info:
        call()
    obj.refresh_from_db()
    assert {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields} == before
    assert timeline_for(obj).count() == rows
    return info.value
