"""The acceptance test: a real Celery worker on the real Redis delivers a doubled reminder once.

Starts ``celery -A config worker -P prefork -c 2`` against the Redis at CELERY_TEST_BROKER_URL and
this test's own database (PostgreSQL in CI, the file-based SQLite test database locally), queues
the same ``notifications.deliver`` twice through a non-eager Celery app, and waits for the worker.
Two pool processes pick up the two messages at once, so the unique (recipient, key) constraint and
its IntegrityError path are what keep it to one message and one e-mail. Without Redis (or with an
in-memory database) the test skips; with REQUIRE_SERVICES=1 it fails instead.
"""

import re
import uuid

import pytest
from celery import Celery

from apps.notifications.models import Notification
from tests.notifications.processes import emails_in, redis_broker_url, shared_database_url, start, stop, wait_until
from tests.organization.factories import UserFactory

pytestmark = [pytest.mark.services, pytest.mark.slow]


def _purge(app: Celery, queue: str) -> None:
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)


@pytest.mark.django_db(transaction=True)
def test_a_reminder_queued_twice_reaches_a_real_worker_and_is_delivered_once(tmp_path):
    database_url = shared_database_url()
    broker_url = redis_broker_url()
    user = UserFactory(username="worker-target", email="worker-target@example.com")
    queue = f"anquan-test-{uuid.uuid4().hex[:12]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log = tmp_path / "worker.log"

    sender = Celery("anquan-test-sender", broker=broker_url, set_as_current=False)
    sender.conf.update(task_always_eager=False, task_serializer="json", broker_connection_retry_on_startup=True)
    worker = None
    try:
        _purge(sender, queue)
        reminder = sender.signature(
            "notifications.deliver",
            args=[user.pk, f"test:{queue}:drill-upcoming", "Fire drill on Friday", "Meet at exit B."],
            queue=queue,
        )
        reminder.apply_async()
        reminder.apply_async()

        worker = start(
            ["worker", "-P", "prefork", "-c", "2", "-Q", queue, "-n", f"{queue}@%h", "-l", "INFO"]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
            env=_worker_env(database_url, broker_url, queue, mail_dir),
            log=log,
        )

        def settled():
            text = log.read_text(errors="replace")
            delivered = len(re.findall(r"Task notifications\.deliver\[[^]]+\] succeeded", text))
            emailed = len(re.findall(r"Task notifications\.email_notification\[[^]]+\] succeeded", text))
            return delivered == 2 and emailed >= 1

        wait_until(settled, timeout=30, proc=worker, log=log)
    finally:
        if worker is not None:
            stop(worker)
        _purge(sender, queue)
        with sender.connection_for_write() as conn:
            conn.default_channel.client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")

    finished = r"Task notifications\.deliver\[[^]]+\] succeeded in [0-9.e-]+s: (\d+)"
    results = sorted(re.findall(finished, log.read_text()))
    assert results == ["0", "1"]  # one created the message; the other hit the unique constraint
    notes = Notification.objects.filter(recipient=user)
    assert notes.count() == 1
    assert notes.get().emailed_at is not None
    messages = emails_in(mail_dir)
    assert len(messages) == 1
    assert "Fire drill on Friday" in messages[0]


def _worker_env(database_url, broker_url, queue, mail_dir):
    from tests.notifications.processes import process_env

    return process_env(
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker_url,
        EMAIL_URL=f"filemail:///{mail_dir.resolve()}",
        ANQUAN_TEST_QUEUE=queue,
    )
