import json

import pytest
from django.core.management import CommandError, call_command
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from apps.core.management.commands import install_schedules

pytestmark = pytest.mark.django_db

DECLARED = {
    "nightly-reminders": {
        "task": "notifications.deliver",
        "crontab": {"minute": "30", "hour": "7"},
        "description": "Morning reminders",
    },
    "frequent-check": {"task": "notifications.email_notification", "every_minutes": 15, "kwargs": {"x": 1}},
}


@pytest.fixture
def declared(monkeypatch):
    schedules = {name: dict(entry) for name, entry in DECLARED.items()}
    monkeypatch.setattr(install_schedules, "SCHEDULES", schedules)
    return schedules


def install():
    call_command("install_schedules", verbosity=0)


def test_install_schedules_creates_a_periodic_task_for_every_declared_entry(declared):
    install()
    nightly = PeriodicTask.objects.get(name="nightly-reminders")
    assert (nightly.task, nightly.crontab.minute, nightly.crontab.hour, nightly.enabled) == (
        "notifications.deliver",
        "30",
        "7",
        True,
    )
    frequent = PeriodicTask.objects.get(name="frequent-check")
    assert (frequent.interval.every, frequent.interval.period) == (15, IntervalSchedule.MINUTES)
    assert json.loads(frequent.kwargs) == {"x": 1}


def test_install_schedules_twice_creates_nothing_new(declared):
    install()
    counts = (PeriodicTask.objects.count(), CrontabSchedule.objects.count(), IntervalSchedule.objects.count())
    install()
    assert (PeriodicTask.objects.count(), CrontabSchedule.objects.count(), IntervalSchedule.objects.count()) == counts


def test_install_schedules_updates_a_changed_schedule(declared):
    install()
    declared["nightly-reminders"]["crontab"] = {"minute": "0", "hour": "6"}
    install()
    nightly = PeriodicTask.objects.get(name="nightly-reminders")
    assert (nightly.crontab.minute, nightly.crontab.hour) == ("0", "6")


def test_install_schedules_leaves_a_task_disabled_in_the_admin_disabled(declared):
    install()
    PeriodicTask.objects.filter(name="nightly-reminders").update(enabled=False)
    install()
    assert PeriodicTask.objects.get(name="nightly-reminders").enabled is False


def test_install_schedules_rejects_an_unknown_task_name(declared):
    declared["typo"] = {"task": "notifications.no_such_task", "every_minutes": 5}
    with pytest.raises(CommandError, match="no_such_task"):
        install()
    assert not PeriodicTask.objects.filter(name="typo").exists()


def test_install_schedules_rejects_an_entry_with_no_schedule(declared):
    declared["nothing"] = {"task": "notifications.deliver"}
    with pytest.raises(CommandError, match="exactly one"):
        install()


def test_every_entry_in_config_schedules_installs():
    call_command("install_schedules", verbosity=0)
    from config.schedules import SCHEDULES

    assert set(SCHEDULES) <= set(PeriodicTask.objects.values_list("name", flat=True))
