"""Issue 12: reminder runs decide what is due and what was sent in set-based queries and insert in bulk —
the whole run (reads and inserts) costs the same number of queries for few rows as for many, first run
and quiet rerun alike."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.hazards.models import Hazard
from apps.hazards.services import hazard_reminders_send
from apps.notifications.models import Notification
from apps.organization.models import User
from apps.training.models import Assignment, Completion
from apps.training.services import training_reminders_send
from tests.organization.factories import AreaFactory, DepartmentFactory, UserFactory
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _warm_content_types():
    """Both sizes pay the same per-process content-type lookups."""
    ContentType.objects.get_for_models(Hazard, Assignment, Completion)


def count(fn):
    """(result, queries): on SQLite the bulk insert is split by the bound-parameter limit (999), so there
    the notification inserts are left out; on PostgreSQL every query counts (one insert per run)."""
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    queries = [q["sql"] for q in ctx.captured_queries]
    if connection.vendor == "sqlite":
        queries = [q for q in queries if not q.startswith('INSERT INTO "notifications_notification"')]
    return result, len(queries)


def hazards(n, tag, manager):
    """n hazards per kind: due soon, overdue, long overdue (escalated), awaiting sign-off, awaiting
    verification — in departments with heads."""
    today = timezone.localdate()
    area = AreaFactory()
    long_ago = timezone.now() - datetime.timedelta(days=30)
    for i in range(n):
        department = DepartmentFactory(code=f"{tag}-{i}")
        head = UserFactory(username=f"{tag}-head-{i}", department=department)
        department.head = head
        department.save()
        person = UserFactory(username=f"{tag}-p-{i}", department=department)
        common = {"area": area, "reporter": person, "department": department, "responsible_person": person}
        for k, (status, deadline, extra) in enumerate([
            ("rectifying", today + datetime.timedelta(days=1), {}),
            ("rectifying", today - datetime.timedelta(days=1), {}),
            ("assessed", today - datetime.timedelta(days=30), {}),
            ("rectified", None, {"rectified_at": long_ago, "rectified_by": person}),
            ("signed_off", None, {"signed_off_at": long_ago, "rectified_by": person}),
        ]):  # fmt: skip
            Hazard.objects.create(number=f"{tag}{i}-{k}", title="Loose cable", status=status, deadline=deadline,
                                  **common, **extra)  # fmt: skip


def test_hazard_reminders_cost_the_same_queries_for_3_or_30_of_each_kind(officer, manager):
    runs = {}
    for n, tag in ((3, "s"), (30, "l")):
        Notification.objects.all().delete()
        Hazard.objects.all().delete()
        hazards(n, tag, manager)
        first = count(hazard_reminders_send)
        rerun = count(hazard_reminders_send)
        runs[n] = first, rerun
        officers = User.objects.filter(role="officer", is_active=True).count()
        # per hazard set: due soon 1, overdue 2, escalated 2 + management, sign-off 1, verification officers
        assert first[0] == n * (1 + 2 + 2 + 1 + 1 + officers)
        assert rerun[0] == 0
    assert runs[3][0][1] == runs[30][0][1]
    assert runs[3][1][1] == runs[30][1][1]


def training(n, tag):
    today = timezone.localdate()
    department = DepartmentFactory(code=tag)
    head = UserFactory(username=f"{tag}-head", department=department)
    department.head = head
    department.save()
    course = CourseFactory(validity_months=12)
    for i in range(n):
        person = UserFactory(username=f"{tag}-{i}", department=department)
        Assignment.objects.create(person=person, course=course, due_date=today + datetime.timedelta(days=2))
        Assignment.objects.create(person=person, course=CourseFactory(), due_date=today - datetime.timedelta(days=5))
        Completion.objects.create(person=person, course=course, completed_on=today - datetime.timedelta(days=350),
                                  expires_on=today + datetime.timedelta(days=15), source="manual")  # fmt: skip


def test_training_reminders_cost_the_same_queries_for_3_or_30_people():
    runs = {}
    for n, tag in ((3, "s"), (30, "l")):
        Notification.objects.all().delete()
        Assignment.objects.all().delete()
        Completion.objects.all().delete()
        training(n, tag)
        first = count(training_reminders_send)
        rerun = count(training_reminders_send)
        runs[n] = first, rerun
        assert first[0] == n * 4  # due soon, overdue, overdue to the head, expiring
        assert rerun[0] == 0
    assert runs[3][0][1] == runs[30][0][1]
    assert runs[3][1][1] == runs[30][1][1]


def test_a_message_sent_meanwhile_is_not_sent_twice(employee, officer):
    """``sent`` was read before another run inserted one of the keys: the insert falls back to one at a time."""
    from apps.notifications.services import Message, notify, notify_bulk

    notify(recipients=[employee], key="race:1", subject="First")
    made = notify_bulk([Message(employee, "race:1", "Again"), Message(officer, "race:1", "Again")], sent=set())
    assert made == 1
    assert Notification.objects.filter(key="race:1").count() == 2
