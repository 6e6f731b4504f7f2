import datetime
import zoneinfo

import pytest
import time_machine

from apps.inspections import services
from apps.notifications.models import Notification
from tests.inspections.factories import EquipmentFactory, InspectionFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.django_db
def test_inspection_due_soon_and_overdue_reminders_go_to_the_inspector_once_each(head):
    inspection = InspectionFactory(inspector=head, due_date=datetime.date(2026, 3, 10))
    with time_machine.travel(datetime.datetime(2026, 3, 1, 8, tzinfo=SHANGHAI), tick=False):
        assert services.inspection_reminders_send() == 0
    with time_machine.travel(datetime.datetime(2026, 3, 8, 8, tzinfo=SHANGHAI), tick=False):
        assert services.inspection_reminders_send() == 1
        assert services.inspection_reminders_send() == 0
    with time_machine.travel(datetime.datetime(2026, 3, 11, 8, tzinfo=SHANGHAI), tick=False):
        assert services.inspection_reminders_send() == 1
        assert services.inspection_reminders_send() == 0
    keys = sorted(Notification.objects.filter(recipient=head).values_list("key", flat=True))
    assert keys == [f"inspection:{inspection.pk}:due_soon", f"inspection:{inspection.pk}:overdue"]


@pytest.mark.django_db
def test_finished_inspections_get_no_reminder(head):
    InspectionFactory(inspector=head, due_date=datetime.date(2026, 3, 10), status="finished")
    with time_machine.travel(datetime.datetime(2026, 3, 11, 8, tzinfo=SHANGHAI), tick=False):
        assert services.inspection_reminders_send() == 0


@pytest.mark.django_db
def test_equipment_due_and_expired_reminders_go_to_the_safety_officers_once(officer, employee):
    due = EquipmentFactory(next_check_due=datetime.date(2026, 5, 1))
    expired = EquipmentFactory(next_check_due=datetime.date(2026, 9, 1), expires_on=datetime.date(2026, 5, 2))
    with time_machine.travel(datetime.datetime(2026, 4, 30, 8, tzinfo=SHANGHAI), tick=False):
        assert services.equipment_reminders_send() == 0
    with time_machine.travel(datetime.datetime(2026, 5, 3, 8, tzinfo=SHANGHAI), tick=False):
        assert services.equipment_reminders_send() == 2
        assert services.equipment_reminders_send() == 0
    keys = sorted(Notification.objects.filter(recipient=officer).values_list("key", flat=True))
    assert keys == [f"equipment:{due.pk}:check_due:2026-05-01", f"equipment:{expired.pk}:expired:2026-05-02"]
    assert not Notification.objects.filter(recipient=employee).exists()


@pytest.mark.django_db
def test_the_reminder_task_runs_both_kinds(officer, head):
    from apps.inspections.tasks import send_reminders

    InspectionFactory(inspector=head, due_date=datetime.date(2026, 3, 10))
    EquipmentFactory(next_check_due=datetime.date(2026, 3, 1))
    with time_machine.travel(datetime.datetime(2026, 3, 11, 8, tzinfo=SHANGHAI), tick=False):
        assert send_reminders() == 2
