"""A bounded load run: gunicorn (``--workers`` sync workers, as in production) on a free local port, and an
open-loop client of our own (a thread pool firing requests at a fixed rate, each request one step of a
role's journey, as the signed-in persona). One step per rate; stops after the first rate whose p95 is
above a second (the server is saturated: higher rates only queue)."""

import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.urls import reverse

from . import catalogue
from .runner import p95

TARGET_P95_MS = 300


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _url(step, ctx):
    if step == "@hazard":
        return ctx.samples["hazard"].get_absolute_url() if ctx.samples["hazard"] else "/"
    return step if step.startswith("/") else reverse(step)


def _request(port, path, cookie):
    start = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path, headers={"Cookie": cookie, "Host": "localhost"})
        response = conn.getresponse()
        response.read()
        ok = response.status == 200
        conn.close()
    except OSError:
        ok = False
    return (time.perf_counter() - start) * 1000, ok


def run(ctx, *, rates, seconds, workers):
    cookies = {}
    for role in catalogue.ROLES:
        client = ctx.client(role)
        cookies[role] = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    journeys = {role: [_url(step, ctx) for step in steps] for role, (_w, steps) in catalogue.JOURNEYS.items()}
    weights = [catalogue.JOURNEYS[role][0] for role in journeys]
    roles = list(journeys)
    port = _free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DJANGO_DEBUG="False",
        DATABASE_CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
    )
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    server = subprocess.Popen(
        [
            gunicorn,
            "config.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    steps = []
    try:
        for _ in range(100):
            time.sleep(0.3)
            try:
                _ms, ok = _request(port, "/healthz", "")
                if ok:
                    break
            except OSError:
                pass
        # Warm every worker (imports, first queries).
        for role in roles:
            for path in journeys[role]:
                for _ in range(workers):
                    _request(port, path, cookies[role])
        rng = random.Random(12)
        for rate in rates:
            results, lock = [], threading.Lock()

            def fire(path, cookie, results=results, lock=lock):
                ms, ok = _request(port, path, cookie)
                with lock:
                    results.append((ms, ok))

            # Each visitor (a role) walks its journey: request i belongs to visitor i % 20.
            visitors = [(r, 0) for r in rng.choices(roles, weights, k=20)]
            started = time.perf_counter()
            total = rate * seconds
            with ThreadPoolExecutor(max_workers=min(256, rate * 4)) as pool:
                for i in range(total):
                    due = started + i / rate
                    pause = due - time.perf_counter()
                    if pause > 0:
                        time.sleep(pause)
                    role, position = visitors[i % len(visitors)]
                    path = journeys[role][position % len(journeys[role])]
                    visitors[i % len(visitors)] = (role, position + 1)
                    pool.submit(fire, path, cookies[role])
            elapsed = time.perf_counter() - started
            timings = sorted(ms for ms, _ok in results)
            errors = sum(1 for _ms, ok in results if not ok)
            step = {
                "rate": rate,
                "requests": len(results),
                "achieved": len(results) / elapsed,
                "errors": errors,
                "p50": statistics.median(timings),
                "p95": p95(timings),
                "p99": timings[int(len(timings) * 0.99) - 1],
            }
            steps.append(step)
            print(
                f"load {rate:>3} req/s: achieved {step['achieved']:.1f}, p50 {step['p50']:.0f} ms, "
                f"p95 {step['p95']:.0f} ms, p99 {step['p99']:.0f} ms, errors {errors}"
            )
            sys.stdout.flush()
            if step["p95"] > 1000:
                break
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    good = [s["rate"] for s in steps if s["p95"] <= TARGET_P95_MS and s["errors"] == 0]
    return {"workers": workers, "seconds": seconds, "steps": steps, "best": max(good) if good else None}
