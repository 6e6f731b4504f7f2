"""Every page renders for those who may see it (a template error would be a 500)."""

import datetime

import pytest
from django.urls import reverse

from apps.responsibilities import services
from tests.responsibilities.conftest import approved_budget, approved_plan, make_action, make_objective, this_year

pytestmark = pytest.mark.django_db


def test_every_page_renders(client, personas, settings):
    settings.AXES_ENABLED = False
    p = personas
    objective = make_objective(p["officer"])
    child = make_objective(p["officer"], department=p["head"].department, parent=objective)
    manual = make_objective(p["officer"], metric="", title="Drills held", target=4, direction="at_least")
    services.objective_figure_add(objective=manual, user=p["officer"], date=datetime.date(this_year(), 1, 5), value=1)
    budget, line = approved_budget(p["officer"], p["manager"])
    spending = services.spending_record(
        line=line,
        user=p["officer"],
        date=datetime.date(this_year(), 1, 2),
        amount=950,
        description="20 extinguishers",
    )
    plan, [task] = approved_plan(p["officer"], p["manager"], p["head"])
    action = make_action(p["officer"], p["head"])
    services.statements_issue(user=p["officer"], year=this_year())
    statement = p["employee"].statements.get()
    client.force_login(p["officer"])
    urls = [
        reverse("responsibilities:objective_list"),
        reverse("responsibilities:objective_create"),
        objective.get_absolute_url(),
        child.get_absolute_url(),
        manual.get_absolute_url(),
        reverse("responsibilities:budget_overview"),
        reverse("responsibilities:budget_overview") + "?year=1999",
        budget.get_absolute_url(),
        spending.get_absolute_url(),
        reverse("responsibilities:plan_overview"),
        reverse("responsibilities:plan_overview") + "?year=2001",
        plan.get_absolute_url(),
        task.get_absolute_url(),
        reverse("responsibilities:meeting_list"),
        reverse("responsibilities:meeting_create"),
        action.meeting.get_absolute_url(),
        reverse("responsibilities:meeting_edit", args=[action.meeting.pk]),
        reverse("responsibilities:action_list"),
        action.get_absolute_url(),
        reverse("responsibilities:statement_list"),
        reverse("responsibilities:statement_status"),
        statement.get_absolute_url(),
        reverse("responsibilities:template_list"),
        reverse("responsibilities:template_create"),
        reverse("home"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
