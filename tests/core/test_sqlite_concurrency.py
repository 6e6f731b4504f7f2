"""The embedded default under two clicks (issue 9): concurrent writes on SQLite never end in a 500.

Runs even where the suite uses PostgreSQL: it migrates its own SQLite file, seeds it in a child
process, serves it with gunicorn (two worker processes, several threads each, so writes really
collide: across processes and across connections of one process), and fires hazard reports and
several sign-offs of one hazard at the same instant. Before ``transaction_mode: IMMEDIATE`` and a busy
timeout, a transaction that read first and then wrote could not upgrade its lock and failed with
"database is locked".
"""

import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.live import Browser, free_port, start_web
from tests.notifications.processes import ROOT, process_env, stop

pytestmark = pytest.mark.slow

REPORTERS = 8


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def test_simultaneous_reports_and_sign_offs_on_sqlite_all_succeed_and_one_sign_off_wins(tmp_path):
    env = process_env(DATABASE_URL=f"sqlite:///{tmp_path / 'two-clicks.sqlite3'}")
    _manage(env, "manage.py", "migrate", "--noinput", "--verbosity", "0")
    seeded = json.loads(_manage(env, "-m", "tests.core.sqlite_two_clicks", "seed", str(REPORTERS)).splitlines()[-1])
    port = free_port()
    log = tmp_path / "web.log"
    web = start_web(port, env=env, log=log, workers=2, threads=6)
    try:
        reporters = [Browser(port, session=s) for s in seeded["reporter_sessions"]]
        heads = [Browser(port, session=s) for s in seeded["head_sessions"]]
        for browser in (reporters[0], heads[0]):
            assert browser.get("/hazards/").status == 200  # both workers' code loaded before the race
        sign_off = f"/hazards/{seeded['hazard']}/sign-off/"
        report = [{"title": f"Wet floor {i}", "location_text": "Lobby"} for i in range(REPORTERS)]
        shots = [(b, "/hazards/report/", data) for b, data in zip(reporters, report, strict=True)]
        shots += [(b, sign_off, {"sign_off-comment": "Checked on site"}) for b in heads]
        start = threading.Barrier(len(shots))

        def fire(shot):
            browser, path, data = shot
            start.wait()
            return browser.post(path, data)

        with ThreadPoolExecutor(len(shots)) as pool:
            answers = list(pool.map(fire, shots))
    finally:
        stop(web)

    server_log = log.read_text(errors="replace")
    statuses = [a.status for a in answers]
    # Every report is saved; of the sign-offs one wins and the others are told, on the hazard page
    # (400 with the form and the reason), that it has moved on: no 500, no "database is locked".
    assert statuses[:REPORTERS] == [302] * REPORTERS, server_log[-4000:]
    assert sorted(statuses[REPORTERS:]) == [302] + [400] * (len(heads) - 1), server_log[-4000:]
    assert "database is locked" not in server_log
    outcome = json.loads(_manage(env, "-m", "tests.core.sqlite_two_clicks", "report").splitlines()[-1])
    assert outcome["status"] == "signed_off"
    assert outcome["sign_offs"] == 1  # the other tabs were told it had moved on
    assert len(outcome["reported"]) == len(set(outcome["reported"])) == REPORTERS
