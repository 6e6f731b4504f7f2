"""Queue a Celery task after commit without ever failing or stalling the request (README "Broker outage").

A side effect is never worth a 500 or a hung page. :func:`queue_after_commit` queues the task once the
surrounding transaction has committed (at once outside one); if the broker refuses, hangs (bounded by
the ``CELERY_BROKER_*`` timeouts in settings) or fails in any other way, it logs one warning and returns.
After a failure this process stops trying for ``ANQUAN_QUEUE_PAUSE_SECONDS``, so a page that notifies
twenty people waits for the broker once, not twenty times. What was not queued must be derivable from
the database and picked up by a periodic job (e-mails: ``notifications.send_unsent_emails``).
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

_failed_at: float | None = None  # per process: when publishing last failed (time.monotonic())


def _pause_seconds() -> float:
    return float(getattr(settings, "ANQUAN_QUEUE_PAUSE_SECONDS", 30))


def queue_paused() -> bool:
    """Whether a recent failure has this process skipping the broker for now."""
    return _failed_at is not None and time.monotonic() < _failed_at + _pause_seconds()


def queue_resume() -> None:
    """Forget a recent failure (tests; an operator's shell after fixing the broker)."""
    global _failed_at
    _failed_at = None


def queue_now(task, *args, **kwargs) -> bool:
    """Send ``task`` to the broker now; True if it was queued (or ran, in eager mode). Never raises."""
    global _failed_at
    name = getattr(task, "name", repr(task))
    if queue_paused():
        logger.warning("queue: paused after a recent failure; not queueing %s%r (picked up later)", name, args)
        return False
    started = time.monotonic()
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except Exception as exc:  # a broker error of any transport, a timeout, or an eager task's own failure
        _failed_at = time.monotonic()
        logger.warning(
            "queue: could not queue %s%r after %.1f s (%s: %s); it is picked up later",
            name,
            args,
            time.monotonic() - started,
            type(exc).__name__,
            exc,
        )
        return False
    return True


def queue_after_commit(task, *args, **kwargs) -> None:
    """Queue ``task(*args, **kwargs)`` once the current transaction commits; guarded, bounded in time."""
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: queue_now(task, *args, **kwargs), robust=True)
    else:
        queue_now(task, *args, **kwargs)
