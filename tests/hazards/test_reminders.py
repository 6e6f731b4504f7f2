"""Deadline reminders and escalation, with a frozen clock. Hazard deadline: 2026-12-10."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from apps.hazards.models import Hazard
from apps.hazards.tasks import send_reminders
from apps.notifications.models import Notification
from tests.hazards.factories import HazardFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEADLINE = datetime.date(2026, 12, 10)


def at(day, hour=9):
    return time_machine.travel(datetime.datetime(2026, 12, day, hour, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def hazard(employee, head, manager):
    return HazardFactory(
        status=Hazard.Status.RECTIFYING, deadline=DEADLINE, responsible_person=employee,
        department=employee.department, grade="general",
    )  # fmt: skip


def keys(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("key", flat=True))


def test_nothing_is_sent_well_before_the_deadline(hazard):
    with at(1):
        assert send_reminders() == 0


def test_responsible_person_is_reminded_before_the_deadline_once(hazard, employee, head):
    with at(8):
        assert send_reminders() == 1
        assert send_reminders() == 0
    assert keys(employee) == [f"hazard:{hazard.pk}:due-soon:2026-12-10"]
    assert keys(head) == []
    with at(9):
        assert send_reminders() == 0  # same deadline: still once


def test_overdue_goes_to_the_responsible_person_and_the_head(hazard, employee, head, manager):
    with at(11):
        send_reminders()
        assert send_reminders() == 0
    assert f"hazard:{hazard.pk}:overdue:2026-12-10" in keys(employee)
    assert keys(head) == [f"hazard:{hazard.pk}:overdue:2026-12-10"]
    assert keys(manager) == []


def test_management_is_told_after_the_escalation_days(hazard, manager, employee):
    with at(16):
        send_reminders()
    assert keys(manager) == []
    with at(17):
        assert send_reminders() == 1
        assert send_reminders() == 0
    assert keys(manager) == [f"hazard:{hazard.pk}:escalated:2026-12-10"]


def test_escalation_days_are_configurable(hazard, manager, settings):
    settings.ANQUAN_HAZARDS = {"ESCALATE_AFTER_DAYS": 1}
    with at(11):
        send_reminders()
    assert keys(manager) == [f"hazard:{hazard.pk}:escalated:2026-12-10"]


def test_a_new_deadline_gets_its_own_reminders(hazard, employee):
    with at(11):
        send_reminders()
        Hazard.objects.filter(pk=hazard.pk).update(deadline=datetime.date(2026, 12, 12))
        assert send_reminders() == 1
    assert f"hazard:{hazard.pk}:due-soon:2026-12-12" in keys(employee)


def test_rectified_and_closed_hazards_are_not_chased(employee):
    HazardFactory(status=Hazard.Status.RECTIFIED, deadline=DEADLINE, responsible_person=employee)
    HazardFactory(status=Hazard.Status.CLOSED, deadline=DEADLINE, responsible_person=employee)
    with at(20):
        assert send_reminders() == 0


def test_reminder_task_is_declared_in_the_schedules():
    from config.schedules import SCHEDULES

    assert any(entry["task"] == "hazards.send_reminders" for entry in SCHEDULES.values())
