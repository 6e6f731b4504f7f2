"""In-process measurements through Django's test client (no network): pages, exports, PDFs, tasks."""

import statistics
import sys
import time
import tracemalloc

from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings

from . import catalogue


class Queries:
    """Counts the SQL statements run inside the block (an execute wrapper: independent of DEBUG and of the
    query log, which the request_started signal empties)."""

    def __enter__(self):
        self.count = 0
        self._cm = connection.execute_wrapper(self)
        self._cm.__enter__()
        return self

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __exit__(self, *exc):
        self._cm.__exit__(*exc)

    def __len__(self):
        return self.count


def p95(values):
    values = sorted(values)
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


class Context:
    def __init__(self, repeat, match=""):
        self.repeat = repeat
        self.match = match
        self.people = catalogue.personas()
        self.samples = catalogue.samples(self.people)
        self.clients = {}
        self.floor = {}

    def wanted(self, label):
        """Whether ``--match`` selects this label: any of its ``|``-separated parts is in it."""
        return any(part in label for part in self.match.split("|"))

    def describe(self):
        return ", ".join(f"{role}={user.username}" for role, user in self.people.items())

    def client(self, role):
        if role not in self.clients:
            client = Client()
            client.force_login(self.people[role])
            self.clients[role] = client
        return self.clients[role]


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def measure(client, url, repeat):
    """Median and p95 ms over ``repeat`` requests (after one warm-up), the queries of one request, bytes."""
    response = client.get(url)
    status = response.status_code
    body = _body(response)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        _body(response)
        timings.append((time.perf_counter() - start) * 1000)
    with Queries() as queries:
        _body(client.get(url))
    return {
        "status": status,
        "median": statistics.median(timings),
        "p95": p95(timings),
        "queries": len(queries),
        "bytes": len(body),
    }


def _progress(text):
    print(text)
    sys.stdout.flush()


def run_pages(ctx):
    rows = []
    for role in catalogue.ROLES:
        ctx.floor[role] = measure(ctx.client(role), catalogue.FLOOR, max(ctx.repeat, 10))
        _progress(f"floor {role}: {ctx.floor[role]['median']:.1f} ms")
    for label, url, roles in catalogue.pages(ctx.samples):
        if not ctx.wanted(label):
            continue
        for role in roles:
            m = measure(ctx.client(role), url, ctx.repeat)
            m.update(page=label, role=role, url=url, ratio=m["p95"] / max(ctx.floor[role]["median"], 0.1))
            rows.append(m)
            _progress(
                f"{label:<28}{role:<10}{m['status']:>4}{m['median']:>9.1f}{m['p95']:>9.1f}{m['queries']:>5}"
                f"{m['bytes'] / 1024:>8.0f} KB  ×{m['ratio']:.1f}"
            )
    return rows


def run_exports(ctx):
    rows = []
    for label, url, role in catalogue.exports():
        if not ctx.wanted(label):
            continue
        client = ctx.client(role)
        start = time.perf_counter()
        with Queries() as queries:
            response = client.get(url)
            size = lines = 0
            chunks = response.streaming_content if getattr(response, "streaming", False) else [response.content]
            for chunk in chunks:
                size += len(chunk)
                lines += chunk.count(b"\n")
        seconds = time.perf_counter() - start
        tracemalloc.start()
        response = client.get(url)
        chunks = response.streaming_content if getattr(response, "streaming", False) else [response.content]
        for _chunk in chunks:
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        row = {
            "label": label,
            "role": role,
            "status": response.status_code,
            "seconds": seconds,
            "rows": max(lines - 1, 0),
            "bytes": size,
            "peak": peak,
            "queries": len(queries),
            "streaming": bool(getattr(response, "streaming", False)),
        }
        rows.append(row)
        _progress(f"{label:<28}{row['status']:>4}{seconds:>8.2f} s {row['rows']:>8} rows peak {peak / 2**20:.1f} MiB")
    return rows


def run_pdfs(ctx):
    rows = []
    for label, url, role in catalogue.pdfs(ctx.samples):
        if not ctx.wanted(label):
            continue
        m = measure(ctx.client(role), url, max(3, ctx.repeat // 3))
        m.update(label=label, role=role)
        rows.append(m)
        _progress(f"{label:<28}{m['status']:>4}{m['median']:>9.1f} ms {m['queries']:>4} q {m['bytes'] / 1024:.0f} KB")
    return rows


class _Rollback(Exception):
    pass


def run_tasks(ctx):
    """Each task twice (first run, quiet rerun) inside one transaction that is rolled back: the database
    keeps its state, so the benchmark can run again. E-mail goes to the dummy backend."""
    from celery import current_app

    import config.celery  # noqa: F401  (registers the tasks)

    current_app.loader.import_default_modules()
    rows = []
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for name in catalogue.tasks():
            if not ctx.wanted(name):
                continue
            task = current_app.tasks.get(name)
            if task is None:
                continue
            row = {"task": name}
            try:
                with transaction.atomic():
                    for run in ("first", "rerun"):
                        start = time.perf_counter()
                        with Queries() as queries:
                            result = task()
                        row[run] = {"seconds": time.perf_counter() - start, "queries": len(queries), "result": result}
                    raise _Rollback
            except _Rollback:
                pass
            rows.append(row)
            _progress(
                f"{name:<36}{row['first']['seconds']:>8.2f} s {row['first']['queries']:>7} q | rerun "
                f"{row['rerun']['seconds']:>7.2f} s {row['rerun']['queries']:>6} q"
            )
    return rows
