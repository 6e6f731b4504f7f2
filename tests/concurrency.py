"""Run work in threads that start at the same moment, each on its own database connection — for the
tests that two people clicking at once get one success and one clear refusal (PostgreSQL only:
SQLite's in-memory test database is one connection)."""

import threading

from django.db import close_old_connections, connection

from tests.conftest import skip_or_fail


def require_postgresql():
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL for real concurrent transactions (set DATABASE_URL)")


def at_once(*work, timeout=30) -> list:
    """Call each function of ``work`` in its own thread, released together; return what each returned
    or the exception it raised, in the order given."""
    barrier = threading.Barrier(len(work))
    results = [None] * len(work)

    def run(index, fn):
        try:
            barrier.wait(timeout=10)
            results[index] = fn()
        except Exception as exc:  # reported to the test as a result
            results[index] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(work)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    return results
