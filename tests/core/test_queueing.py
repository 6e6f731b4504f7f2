"""apps.core.queueing: queue after commit, never raise, give the broker one chance per pause."""

from unittest import mock

import pytest
from celery import shared_task
from django.db import transaction

from apps.core import queueing


@shared_task(name="tests.core.noop")
def noop(value):
    return value


def test_a_task_queued_outside_a_transaction_goes_at_once(transactional_db):
    with mock.patch.object(noop, "apply_async") as publish:
        queueing.queue_after_commit(noop, 7)
    publish.assert_called_once_with(args=(7,), kwargs={})


def test_a_task_queued_in_a_rolled_back_transaction_never_goes(db):
    with mock.patch.object(noop, "apply_async") as publish, pytest.raises(RuntimeError), transaction.atomic():
        queueing.queue_after_commit(noop, 7)
        raise RuntimeError("the service refused")
    publish.assert_not_called()


def test_a_failure_is_returned_and_logged_not_raised(db, caplog):
    with mock.patch.object(noop, "apply_async", side_effect=TimeoutError("Timeout reading from socket")):
        assert queueing.queue_now(noop, 7) is False
    assert "could not queue tests.core.noop(7,)" in caplog.text


def test_after_a_failure_the_process_skips_the_broker_until_the_pause_ends(db, settings):
    settings.ANQUAN_QUEUE_PAUSE_SECONDS = 30
    with mock.patch.object(noop, "apply_async", side_effect=ConnectionRefusedError) as publish:
        queueing.queue_now(noop, 1)
        assert queueing.queue_paused()
        assert queueing.queue_now(noop, 2) is False
    assert publish.call_count == 1
    queueing.queue_resume()
    with mock.patch.object(noop, "apply_async") as publish:
        assert queueing.queue_now(noop, 3) is True
