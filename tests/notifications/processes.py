"""Helpers for tests that start real Celery processes against the test database (and Redis)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from tests.conftest import skip_or_fail

ROOT = Path(settings.BASE_DIR)
CELERY = str(Path(sys.executable).with_name("celery"))


def shared_database_url() -> str:
    """A DATABASE_URL another process can use to reach this test's database (never in-memory SQLite)."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"
    name = str(db["NAME"])
    if connection.vendor == "sqlite" and "memory" not in name and name != ":memory:":
        return f"sqlite:///{Path(name).resolve()}"
    skip_or_fail(f"the test database ({connection.vendor} {name}) cannot be shared with another process")
    raise AssertionError("unreachable")


def redis_broker_url() -> str:
    """The Redis URL for real-broker tests, after checking that Redis answers."""
    import redis

    url = settings.CELERY_TEST_BROKER_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as exc:  # connection refused, DNS, auth...
        skip_or_fail(f"Redis at {url} is not reachable ({exc})")
    return url


def process_env(**extra: str | None) -> dict[str, str]:
    """The child's environment: ours minus anything that would point it elsewhere, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "DJANGO_", "EMAIL_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
            "DJANGO_SECRET_KEY": "test-only-secret-for-subprocesses",
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "INFO",
        }
    )
    env.update({k: v for k, v in extra.items() if v is not None})
    return env


def start(args: list[str], *, env: dict[str, str], log: Path) -> subprocess.Popen:
    handle = log.open("wb")
    return subprocess.Popen(
        [CELERY, "-A", "config", *args],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so prefork children die with it
    )


def stop(proc: subprocess.Popen) -> None:
    """Stop a started process and its children: TERM, then KILL after 10 s."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        except ProcessLookupError:
            pass
    # Children left behind by a crashed parent share its process group.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def wait_until(condition: Callable[[], bool], *, timeout: float, proc: subprocess.Popen, log: Path) -> None:
    """Poll ``condition`` every 0.2 s; fail with the process log when it never holds or the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if proc.poll() is not None:
            raise AssertionError(f"process exited with {proc.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        time.sleep(0.2)
    raise AssertionError(f"gave up after {timeout:.0f} s; process log:\n{log.read_text(errors='replace')[-4000:]}")


def emails_in(directory: Path) -> list[str]:
    """The messages the file-based e-mail backend wrote (several may share one file)."""
    messages = []
    for path in sorted(directory.glob("*.log")):
        messages += [m for m in path.read_text(errors="replace").split("-" * 79) if "Subject:" in m]
    return messages
