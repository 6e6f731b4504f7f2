"""A broker outage loses nothing and blocks no one — with real processes (issue 10, "Broker outage").

The web app runs in gunicorn against this test's database; the broker is a redis-server this test
starts on a free port, stops in the middle and starts again (without persistence, so what was queued
before the restart is gone, as after a crash), or a listener that accepts connections and never
answers. People report hazards and incidents through HTTP meanwhile. Then a real Celery worker and the
periodic sweeper (``notifications.send_unsent_emails``) run, twice, and every in-app notification has
gone out by e-mail exactly once. Without redis-server the test skips; with REQUIRE_SERVICES=1 it fails.
"""

from __future__ import annotations

import datetime
import re
import time
import uuid
from collections import Counter
from email import message_from_string
from email.header import decode_header, make_header

import pytest
from celery import Celery
from django.conf import settings
from django.core import mail

from apps.notifications.models import Notification
from apps.notifications.services import notification_email_sweep
from tests.live import (
    Browser,
    free_port,
    session_for,
    start_hanging_listener,
    start_redis,
    start_web,
)
from tests.notifications.processes import emails_in, process_env, shared_database_url, start, stop, wait_until
from tests.organization.factories import DepartmentFactory, UserFactory

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# "Never waits more than a second or two": the broker timeouts are 1 s; the rest is slack for a busy CI.
QUICK = 3.0


@pytest.fixture
def people():
    safety = DepartmentFactory(code="safety", name="Safety")
    officers = [UserFactory(username=f"officer{i}", department=safety, role="officer") for i in range(3)]
    department = DepartmentFactory(code="cs-1", name="Customer Service 1")
    head = UserFactory(username="head", department=department)
    department.head = head
    department.save()
    reporter = UserFactory(username="reporter", department=department)
    return {"officers": officers, "head": head, "reporter": reporter}


@pytest.fixture
def processes():
    started = []
    yield started
    for proc in reversed(started):
        stop(proc)


def _web_env(broker_url: str, queue: str, mail_dir, **extra):
    return process_env(
        DATABASE_URL=shared_database_url(),
        CELERY_BROKER_URL=broker_url,
        EMAIL_URL=f"filemail:///{mail_dir.resolve()}",
        ANQUAN_TEST_QUEUE=queue,
        DJANGO_SECRET_KEY=settings.SECRET_KEY,  # the sessions the test makes must hold in the server
        **extra,
    )


def _signed_in(port, client, user) -> Browser:
    browser = Browser(port, session=session_for(client, user))
    assert browser.get("/hazards/report/").status == 200  # a warm server: the first page loads the code
    return browser


def _report_hazard(browser: Browser, title: str):
    return browser.post("/hazards/report/", {"title": title, "location_text": "Stairwell B"})


def _report_incident(browser: Browser, description: str):
    occurred = (datetime.datetime.now() - datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    return browser.post(
        "/incidents/report/",
        {
            "occurred_at": occurred,
            "type": "near_miss",
            "severity": "minor",
            "description": description,
            "people-TOTAL_FORMS": "0",
            "people-INITIAL_FORMS": "0",
            "people-MIN_NUM_FORMS": "0",
            "people-MAX_NUM_FORMS": "20",
        },
    )


def _assert_quick_redirect(answer, what):
    assert answer.status == 302, f"{what}: {answer.status}\n{answer.body[-2000:]}"
    assert answer.seconds < QUICK, f"{what} took {answer.seconds:.1f} s"


def _assert_everyone_told(people, *, subject_part: str, head_too: bool = False):
    expected = {o.username for o in people["officers"]} | ({"head"} if head_too else set())
    told = set(
        Notification.objects.filter(subject__contains=subject_part).values_list("recipient__username", flat=True)
    )
    assert told == expected


def _sent(mail_dir) -> Counter:
    """(recipient, subject) of every e-mail the file backend wrote."""
    sent = Counter()
    for text in emails_in(mail_dir):
        message = message_from_string(text.strip())
        sent[(message["To"], str(make_header(decode_header(message["Subject"]))))] += 1
    return sent


def test_reports_during_a_redis_outage_answer_at_once_and_every_email_goes_out_once_after_recovery(
    tmp_path, people, processes, client
):
    redis_port, web_port = free_port(), free_port()
    broker_url = f"redis://127.0.0.1:{redis_port}/0"
    queue = f"anquan-outage-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    redis = start_redis(redis_port, tmp_path / "redis")
    processes.append(redis)
    web_log = tmp_path / "web.log"
    # A short pause, so the web process tries the broker again soon after it is back.
    env = _web_env(broker_url, queue, mail_dir, ANQUAN_QUEUE_PAUSE_SECONDS="1")
    processes.append(start_web(web_port, env=env, log=web_log))
    reporter = _signed_in(web_port, client, people["reporter"])

    _assert_quick_redirect(_report_hazard(reporter, "Wet floor before the outage"), "report with the broker up")
    _assert_everyone_told(people, subject_part="New hazard")

    stop(redis)  # the broker goes away mid-test; what it held is lost
    processes.remove(redis)

    _assert_quick_redirect(_report_hazard(reporter, "Blocked fire exit"), "hazard report with the broker down")
    _assert_quick_redirect(_report_incident(reporter, "Slipped on the stairs"), "incident report with the broker down")
    health = reporter.get("/healthz")
    assert health.status == 200 and health.seconds < QUICK
    assert '"broker": "unreachable"' in health.body
    assert reporter.get("/hazards/").status == 200  # pages work
    assert Notification.objects.filter(recipient__in=people["officers"]).count() == 3 * 3
    _assert_everyone_told(people, subject_part="Incident reported", head_too=True)

    redis = start_redis(redis_port, tmp_path / "redis")
    processes.append(redis)
    wait_until(lambda: '"broker": "ok"' in reporter.get("/healthz").body, timeout=30, proc=redis, log=web_log)
    time.sleep(1.2)  # past the web process's 1 s pause: it publishes again, through a pool that went stale
    _assert_quick_redirect(_report_hazard(reporter, "Loose cable after recovery"), "report after recovery")

    # A real worker drains what was queued after recovery; the sweeper (twice) sends what never was.
    worker_log = tmp_path / "worker.log"
    worker = start(
        ["worker", "-P", "solo", "-Q", queue, "-n", f"{queue}@%h", "-l", "INFO"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=_web_env(broker_url, queue, mail_dir),
        log=worker_log,
    )
    processes.append(worker)
    sender = Celery("anquan-outage-test", broker=broker_url, set_as_current=False)
    for _ in range(2):
        sender.send_task("notifications.send_unsent_emails", kwargs={"older_than_seconds": 0}, queue=queue)

    def swept_twice():
        return len(re.findall(r"Task notifications\.send_unsent_emails\[[^]]+\] succeeded", worker_log.read_text()))

    wait_until(lambda: swept_twice() == 2, timeout=60, proc=worker, log=worker_log)
    wait_until(
        lambda: not Notification.objects.filter(send_email=True, emailed_at__isnull=True).exists(),
        timeout=30,
        proc=worker,
        log=worker_log,
    )

    emailed_by_task = r"Task notifications\.email_notification\[[^]]+\] succeeded"
    # the last report's e-mails went through the broker again
    assert len(re.findall(emailed_by_task, worker_log.read_text())) == 3
    notes = Notification.objects.select_related("recipient")
    assert notes.count() == 3 * 3 + 4  # three hazards to three officers; the incident to them and the head
    sent = _sent(mail_dir)
    assert sent == Counter({(n.recipient.email, n.subject): 1 for n in notes})
    assert "could not queue" in web_log.read_text()  # the failure was logged, not raised


def test_reports_answer_at_once_when_the_broker_accepts_connections_and_never_answers(
    tmp_path, people, processes, client
):
    listener_port, web_port = free_port(), free_port()
    processes.append(start_hanging_listener(listener_port, tmp_path / "listener.log"))
    env = _web_env(f"redis://127.0.0.1:{listener_port}/0", "anquan-hanging", tmp_path)
    processes.append(start_web(web_port, env=env, log=tmp_path / "web.log"))
    reporter = _signed_in(web_port, client, people["reporter"])

    _assert_quick_redirect(_report_hazard(reporter, "Blocked fire exit"), "hazard report with a hanging broker")
    _assert_quick_redirect(_report_incident(reporter, "Slipped"), "incident report with a hanging broker")
    health = reporter.get("/healthz")
    assert health.status == 200 and health.seconds < QUICK
    assert '"status": "degraded"' in health.body

    _assert_everyone_told(people, subject_part="New hazard")
    _assert_everyone_told(people, subject_part="Incident reported", head_too=True)
    assert notification_email_sweep(older_than=datetime.timedelta(0)) == 7
    assert notification_email_sweep(older_than=datetime.timedelta(0)) == 0
    assert Counter(m.to[0] for m in mail.outbox) == Counter(
        Notification.objects.values_list("recipient__email", flat=True)
    )
