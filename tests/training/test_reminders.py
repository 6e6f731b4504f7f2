import datetime

import pytest
import time_machine

from apps.notifications.models import Notification
from apps.training import services
from apps.training.models import Assignment, Completion
from apps.training.tasks import training_daily
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 1)


def at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(1, 0), tzinfo=datetime.UTC), tick=False)


def keys(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("key", flat=True))


def test_a_new_assignment_is_announced_once(employee, officer, django_capture_on_commit_callbacks):
    course = CourseFactory()
    with at(DAY - datetime.timedelta(days=20)):
        with django_capture_on_commit_callbacks(execute=True):
            [a] = services.assignment_create(user=officer, people=[employee], course=course, due_date=DAY)
        services.training_reminders_send()
        services.assignment_create(user=officer, people=[employee], course=course, due_date=DAY)
    assert keys(employee) == [f"training:assignment:{a.pk}:new"]


def test_due_soon_then_overdue_to_the_person_then_the_head_each_once(employee, head):
    a = Assignment.objects.create(person=employee, course=CourseFactory(), due_date=DAY, reason="manual")
    with at(DAY - datetime.timedelta(days=10)):
        assert services.training_reminders_send() == 0
    with at(DAY - datetime.timedelta(days=5)):
        assert services.training_reminders_send() == 1
        assert services.training_reminders_send() == 0
    assert keys(employee) == [f"training:assignment:{a.pk}:due-soon"]
    with at(DAY + datetime.timedelta(days=1)):
        assert services.training_reminders_send() == 1
        assert keys(head) == []
    with at(DAY + datetime.timedelta(days=services.ESCALATE_AFTER_DAYS)):
        assert services.training_reminders_send() == 1
        assert services.training_reminders_send() == 0
    assert keys(employee) == [f"training:assignment:{a.pk}:due-soon", f"training:assignment:{a.pk}:overdue"]
    assert keys(head) == [f"training:assignment:{a.pk}:overdue-head"]


def test_expiring_soon_is_sent_once_and_not_after_a_newer_pass(employee, outsider):
    course = CourseFactory(validity_months=12)
    old = Completion.objects.create(
        person=employee, course=course, completed_on=DAY.replace(year=2025), expires_on=DAY, source="manual"
    )
    Completion.objects.create(
        person=outsider, course=course, completed_on=DAY.replace(year=2025), expires_on=DAY, source="manual"
    )
    Completion.objects.create(
        person=outsider, course=course, completed_on=DAY - datetime.timedelta(days=3), source="manual"
    )
    with at(DAY - datetime.timedelta(days=20)):
        services.training_reminders_send()
        services.training_reminders_send()
    assert keys(employee) == [f"training:completion:{old.pk}:expiring"]
    assert keys(outsider) == []


def test_the_daily_task_run_twice_sends_and_assigns_nothing_new(employee):
    Assignment.objects.create(person=employee, course=CourseFactory(), due_date=DAY, reason="manual")
    with at(DAY + datetime.timedelta(days=10)):
        first = training_daily()
        second = training_daily()
    assert first["reminders"] == 2 and second == {"assigned": 0, "reminders": 0}


def test_reminders_are_written_in_the_recipients_language(employee):
    employee.language = "zh-hans"
    employee.save()
    Assignment.objects.create(
        person=employee, course=CourseFactory(name="Fire", name_zh="消防"), due_date=DAY, reason="manual"
    )
    with at(DAY - datetime.timedelta(days=1)):
        services.training_reminders_send()
    assert "消防" in Notification.objects.get(recipient=employee).subject
