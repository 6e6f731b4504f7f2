"""Reminders (frozen clock): tasks and action items before and after due (the chair told when an item
is overdue), unsigned statements weekly, countersignatures waiting — each once per key, found by a
fixed number of queries."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.notifications.models import Notification
from apps.responsibilities import services
from apps.responsibilities.models import Action, Statement
from apps.responsibilities.tasks import send_reminders
from tests.organization.factories import UserFactory
from tests.responsibilities.conftest import approved_plan, make_action

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(month, dom):
    return time_machine.travel(datetime.datetime(2026, month, dom, 9, tzinfo=SHANGHAI), tick=False)


def keys(user, prefix=""):
    return sorted(
        k for k in Notification.objects.filter(recipient=user).values_list("key", flat=True) if k.startswith(prefix)
    )


@pytest.fixture
def action(officer, manager, head):
    with at(3, 1):
        action = make_action(officer, head)  # due 2026-03-06, meeting chaired by the officer
    Notification.objects.all().delete()
    return action


def test_an_action_item_is_reminded_before_its_due_date_once(action, head):
    with at(3, 2):
        assert send_reminders() == 0
    with at(3, 4):
        send_reminders()
        send_reminders()
    assert keys(head, "action:") == [f"action:{action.pk}:due-soon:2026-03-06"]


def test_an_overdue_action_item_is_sent_to_the_owner_and_escalated_to_the_chair(action, head, officer):
    with at(3, 8):
        send_reminders()
    assert keys(head, "action:") == [f"action:{action.pk}:overdue:2026-03-06"]
    assert keys(officer, "action:") == [f"action:{action.pk}:escalated:2026-03-06"]


def test_a_done_action_item_is_not_chased(action, head):
    services.action_done(action=action, user=head, note="Done")
    with at(3, 8):
        send_reminders()
    assert keys(head, "action:") == []


def test_work_plan_tasks_are_reminded_before_and_after_their_month_ends(officer, manager, head):
    with at(1, 5):
        _plan, [task] = approved_plan(officer, manager, head, months=(3,), year=2026)
    Notification.objects.all().delete()
    with at(3, 26):
        send_reminders()
    with at(4, 2):
        send_reminders()
    assert keys(head, "task:") == [f"task:{task.pk}:due-soon:2026-03-31", f"task:{task.pk}:overdue:2026-03-31"]


def test_unsigned_statements_are_chased_weekly_from_a_week_after_issue(officer, employee, head):
    with at(1, 5):
        services.statements_issue(user=officer, year=2026)
    statement = Statement.objects.get(person=employee)
    Notification.objects.all().delete()
    with at(1, 8):
        send_reminders()
    assert keys(employee, "statement:") == []
    with at(1, 13):
        send_reminders()
        send_reminders()
    with at(1, 20):
        send_reminders()
    assert keys(employee, "statement:") == [
        f"statement:{statement.pk}:unsigned:2026-W03", f"statement:{statement.pk}:unsigned:2026-W04",
    ]  # fmt: skip


def test_a_head_is_told_once_a_week_how_many_statements_wait_for_countersignature(officer, employee, head):
    with at(1, 5):
        services.statements_issue(user=officer, year=2026)
        services.statement_sign(
            statement=employee.statements.get(), user=employee, typed_name="李娜", confirm_read=True
        )
    with at(1, 6):
        send_reminders()
    assert keys(head, "statements:countersign") == [f"statements:countersign:{head.department_id}:2026-W02"]


def test_finding_who_is_due_costs_the_same_queries_for_few_or_many_rows(officer, manager, head, department):
    from apps.responsibilities.services import action_reminders, statement_reminders, task_reminders

    def cost():
        with CaptureQueriesContext(connection) as ctx, at(12, 20):
            task_reminders(today=datetime.date(2026, 12, 20))
            action_reminders(today=datetime.date(2026, 12, 20))
            statement_reminders(today=datetime.date(2026, 12, 20))
        return len(ctx.captured_queries)

    def more(n, year):
        people = [UserFactory(department=department) for _ in range(n)]
        with at(12, 1):
            approved_plan(officer, manager, head, months=[12] * n, year=year)
            for person in people:
                make_action(officer, person, due_in=3)
            services.statements_issue(user=officer, year=2026)

    more(2, 2026)
    few = cost()
    Statement.objects.all().delete()
    more(15, 2027)
    assert Action.objects.count() == 17
    assert cost() == few


def test_statements_already_reminded_this_week_are_left_out_by_the_query_itself(officer, employee, head):
    from apps.responsibilities.services import statement_reminders

    with at(1, 5):
        services.statements_issue(user=officer, year=2026)
    with at(1, 13):
        first = statement_reminders(today=datetime.date(2026, 1, 13))
        send_reminders()
        again = statement_reminders(today=datetime.date(2026, 1, 13))
    assert any(m.recipient == employee for m in first)
    assert not any(m.key.startswith("statement:") for m in again)
