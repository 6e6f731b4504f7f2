"""Real processes for tests of what happens between them: a web server (gunicorn), a Redis server, a
listener that accepts connections and never answers, and a small HTTP client that signs in with a
session made by the test. Each ``start_*`` returns a Popen in its own process group; stop it with
:func:`tests.notifications.processes.stop`.
"""

from __future__ import annotations

import http.client
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from tests.conftest import skip_or_fail
from tests.notifications.processes import ROOT, wait_until

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))

HANGING_LISTENER = """
import socket, sys, time
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", int(sys.argv[1])))
server.listen(128)
held = []
print("listening", flush=True)
while True:
    conn, _ = server.accept()
    held.append(conn)  # accepted, never read, never answered, never closed
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def spawn(argv: list[str], *, env: dict[str, str] | None, log: Path, cwd: Path = ROOT) -> subprocess.Popen:
    return subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True
    )


def start_redis(port: int, workdir: Path) -> subprocess.Popen:
    """A throwaway redis-server on ``port``: no persistence, so a restart loses whatever was queued."""
    binary = shutil.which("redis-server")
    if binary is None:
        skip_or_fail("redis-server is not installed (apt-get install redis-server)")
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "redis.log"
    proc = spawn(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        + ["--dir", str(workdir)],
        env=None,
        log=log,
    )
    wait_until(lambda: port_open(port), timeout=15, proc=proc, log=log)
    return proc


def start_hanging_listener(port: int, log: Path) -> subprocess.Popen:
    proc = spawn([sys.executable, "-c", HANGING_LISTENER, str(port)], env=None, log=log)
    wait_until(lambda: port_open(port), timeout=15, proc=proc, log=log)
    return proc


def start_web(port: int, *, env: dict[str, str], log: Path, workers: int = 1, threads: int = 4) -> subprocess.Popen:
    """gunicorn serving ``config.wsgi`` with ``env``'s settings; returns once it answers."""
    proc = spawn(
        [GUNICORN, "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
        + ["--threads", str(threads), "--timeout", "120", "--graceful-timeout", "5", "--access-logfile", "-"],
        env=env,
        log=log,
    )
    wait_until(lambda: port_open(port), timeout=60, proc=proc, log=log)
    return proc


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class Browser:
    """Just enough of a browser: a session cookie, a CSRF cookie and header, no redirects followed."""

    port: int
    session: str = ""
    csrf: str = field(default_factory=lambda: secrets.token_hex(16))  # a 32-character secret Django accepts
    timeout: float = 60

    def request(self, method: str, path: str, data: dict | None = None) -> Answer:
        cookies = f"csrftoken={self.csrf}" + (f"; sessionid={self.session}" if self.session else "")
        headers = {"Cookie": cookies, "X-CSRFToken": self.csrf, "Host": "127.0.0.1"}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
        finally:
            conn.close()
        return Answer(
            status=response.status,
            headers={k.lower(): v for k, v in response.getheaders()},
            body=text,
            seconds=time.monotonic() - started,
        )

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Answer:
        return self.request("POST", path, data)


def session_for(client, user) -> str:
    """A database session for ``user`` that another process accepts (same database, same SECRET_KEY)."""
    client.force_login(user)
    return client.cookies["sessionid"].value
