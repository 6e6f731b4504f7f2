"""The embedded default really runs scheduled work: `make run`'s beat, with no broker, executes due
tasks in-process (memory:// broker, CELERY_TASK_ALWAYS_EAGER) and the e-mails they queue."""

import json

import pytest
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from apps.notifications.models import Notification
from tests.notifications.processes import emails_in, process_env, shared_database_url, start, stop, wait_until
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.slow


@pytest.mark.django_db(transaction=True)
def test_beat_without_a_broker_runs_a_due_periodic_task_in_process(tmp_path):
    database_url = shared_database_url()
    user = UserFactory(username="beat-target", email="beat-target@example.com")
    every_two_seconds, _ = IntervalSchedule.objects.get_or_create(every=2, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="test: remind beat-target",
        task="notifications.deliver",
        interval=every_two_seconds,
        args=json.dumps([user.pk, "test:embedded-beat", "Inspection due tomorrow"]),
    )
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log = tmp_path / "beat.log"
    beat = start(
        ["beat", "-S", "django_celery_beat.schedulers:DatabaseScheduler", "-l", "INFO"]
        + ["--pidfile", str(tmp_path / "beat.pid")],
        env=process_env(DATABASE_URL=database_url, EMAIL_URL=f"filemail:///{mail_dir.resolve()}"),
        log=log,
    )
    try:
        wait_until(
            lambda: Notification.objects.filter(recipient=user, emailed_at__isnull=False).exists(),
            timeout=30,
            proc=beat,
            log=log,
        )
    finally:
        stop(beat)

    assert Notification.objects.get(recipient=user).subject == "Inspection due tomorrow"
    assert len(emails_in(mail_dir)) == 1
