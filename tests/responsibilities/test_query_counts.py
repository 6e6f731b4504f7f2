"""The objectives page, the budget page, the meeting page and the statement status page cost the same
number of queries whatever the number of rows (two sizes each)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.responsibilities import services
from tests.hazards.factories import HazardFactory
from tests.organization.factories import DepartmentFactory, UserFactory
from tests.responsibilities.conftest import approved_budget, make_action, make_meeting, make_objective, this_year

pytestmark = pytest.mark.django_db

METRICS = ["incidents.major_count", "hazards.overdue_count", "training.compliance_rate", ""]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def as_manager(client, manager, settings):
    settings.AXES_ENABLED = False
    client.force_login(manager)
    return client


def test_objectives_page(as_manager, officer, manager):
    def add(n):
        for i in range(n):
            department = DepartmentFactory()
            head = UserFactory(department=department)
            department.head = head
            department.save()
            metric = METRICS[i % len(METRICS)]
            parent = make_objective(officer, metric=metric, title=f"Objective {i}")
            child = make_objective(officer, metric=metric, parent=parent, department=department)
            if not metric:
                for o in (parent, child):
                    services.objective_figure_add(
                        objective=o, user=officer, date=datetime.date(this_year(), 1, 1), value=1
                    )
            services.objective_submit(objective=parent, user=officer)
            services.objective_approve(objective=parent, user=manager)

    url = reverse("responsibilities:objective_list")
    add(4)
    small = _count(as_manager, url)
    add(12)
    assert _count(as_manager, url) == small


def test_budget_page(as_manager, officer, manager):
    budget, line = approved_budget(officer, manager, amount=Decimal(10**6))

    def add(n):
        for i in range(n):
            hazard = HazardFactory(grade="major")
            services.spending_record(line=line, user=officer, date=datetime.date(this_year(), 1, 1), amount=10,
                                     description=f"Item {i}", source=hazard if i % 2 else None)  # fmt: skip
        for i in range(n // 4):
            services.budget.BudgetLine.objects.create(budget=budget, category="ppe", description=f"L{i}",
                                                      amount_requested=5, amount_approved=5)  # fmt: skip

    add(4)
    small = _count(as_manager, budget.get_absolute_url())
    add(30)
    assert _count(as_manager, budget.get_absolute_url()) == small


def test_meeting_page(as_manager, officer, manager):
    meeting = make_meeting(officer, chair=manager)
    services.meeting_schedule(meeting=meeting, user=officer)

    def add(n):
        for i in range(n):
            person = UserFactory(department=officer.department)
            services.meeting_invite(meeting=meeting, user=officer, person=person)
            services.agenda_item_add(meeting=meeting, user=officer, title=f"Report {i}", presenter=person)
            make_action(officer, person, meeting=meeting)
        invitation = meeting.invitations.order_by("-id").first()
        services.invitation_record_attendance(invitation=invitation, user=officer, attendance="delegate",
                                              delegate=manager)  # fmt: skip

    add(2)
    small = _count(as_manager, meeting.get_absolute_url())
    add(12)
    assert _count(as_manager, meeting.get_absolute_url()) == small


def test_statement_status_page(as_manager, officer):
    def add(n):
        for _ in range(n):
            department = DepartmentFactory()
            head = UserFactory(department=department)
            department.head = head
            department.save()
            for _ in range(3):
                UserFactory(department=department)
        services.statements_issue(user=officer, year=this_year())

    url = reverse("responsibilities:statement_status")
    add(2)
    small = _count(as_manager, url)
    add(10)
    assert _count(as_manager, url) == small


def test_home_page_panels(client, personas, settings, officer, manager):
    settings.AXES_ENABLED = False
    head = personas["head"]
    client.force_login(head)
    services.statements_issue(user=officer, year=this_year())

    def add(n):
        for _ in range(n):
            make_action(officer, head)

    add(6)
    small = _count(client, reverse("home"))
    add(12)
    assert _count(client, reverse("home")) == small
