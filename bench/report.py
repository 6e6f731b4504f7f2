"""Machine facts and the Markdown of ``bench/results.md``."""

import datetime
import os
import platform

from django.db import connection


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = "?"
    try:
        with open("/proc/meminfo") as f:
            memory = f"{int(f.readline().split()[1]) / 2**20:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), pg_size_pretty(pg_database_size(current_database()))")
        version, size = cursor.fetchone()
        counts = {}
        for table in (
            "organization_user",
            "hazards_hazard",
            "core_timelineentry",
            "inspections_inspection",
            "inspections_inspectionresult",
            "training_assignment",
            "training_completion",
            "training_examattempt",
            "incidents_incident",
            "notifications_notification",
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{cpu} × {os.cpu_count()}",
        "memory": memory,
        "python": platform.python_version(),
        "database": f"{version.split(',')[0]} ({size})",
        "load": "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
        "counts": counts,
    }


def _ms(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def markdown(results):
    before, after = results["machine_before"], results["machine_after"]
    out = [
        "# Benchmark results (`make bench`)",
        "",
        f"- Date: {before['date']} (took {results['seconds'] / 60:.1f} min)",
        f"- Machine: {before['cpu']}, {before['memory']} RAM, Python {before['python']}; {before['database']}",
        f"- Load average before / after: {before['load']} / {after['load']} — the machine is shared with other "
        "work running at the same time, so figures are noisy (treat ±30 % as noise).",
        "- Data: " + ", ".join(f"{table} {n:,}" for table, n in before["counts"].items()),
        "- How: `manage.py seed_scale --employees N` then `make bench` (see README, Benchmark). Pages through "
        "Django's test client in-process; load through gunicorn.",
        "",
    ]
    if "pages" in results:
        out += [
            "## Pages (ms; ratio = p95 ÷ the floor's median for that role)",
            "",
            "| page | role | status | median | p95 | × floor | queries | KB |",
            "|---|---|---|---|---|---|---|---|",
        ]
        floor = results["pages"] and results.get("floor")
        for row in results["pages"]:
            out.append(
                f"| {row['page']} | {row['role']} | {row['status']} | {_ms(row['median'])} | {_ms(row['p95'])} | "
                f"{row['ratio']:.1f} | {row['queries']} | {row['bytes'] / 1024:.0f} |"
            )
        del floor
        out.append("")
    if "exports" in results:
        out += [
            "## CSV exports",
            "",
            "| export | rows | s | peak Python memory | queries | streamed |",
            "|---|---|---|---|---|---|",
        ]
        for row in results["exports"]:
            out.append(
                f"| {row['label']} | {row['rows']:,} | {row['seconds']:.2f} | {row['peak'] / 2**20:.1f} MiB | "
                f"{row['queries']} | {'yes' if row['streaming'] else 'no'} |"
            )
        out.append("")
    if "pdfs" in results:
        out += [
            "## PDFs",
            "",
            "| PDF | role | status | median ms | p95 ms | queries | KB |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in results["pdfs"]:
            out.append(
                f"| {row['label']} | {row['role']} | {row['status']} | {_ms(row['median'])} | {_ms(row['p95'])} | "
                f"{row['queries']} | {row['bytes'] / 1024:.0f} |"
            )
        out.append("")
    if "tasks" in results:
        out += [
            "## Periodic tasks (first run, then a quiet rerun; rolled back afterwards)",
            "",
            "| task | first s | first queries | rerun s | rerun queries |",
            "|---|---|---|---|---|",
        ]
        for row in results["tasks"]:
            first, rerun = row["first"], row["rerun"]
            out.append(
                f"| {row['task']} | {first['seconds']:.2f} | {first['queries']:,} | {rerun['seconds']:.2f} | "
                f"{rerun['queries']:,} |"
            )
        out.append("")
    if "load" in results:
        load = results["load"]
        best = load["best"]
        out += [
            f"## Mixed load (gunicorn, {load['workers']} sync workers; {load['seconds']} s per rate; open loop)",
            "",
            "Highest rate with p95 ≤ 300 ms and no errors: "
            + (f"**{best} req/s**." if best else "**none of the rates tried**."),
            "",
            "| rate req/s | achieved | requests | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---|---|---|---|---|---|",
        ]
        for s in load["steps"]:
            out.append(
                f"| {s['rate']} | {s['achieved']:.1f} | {s['requests']} | {_ms(s['p50'])} | {_ms(s['p95'])} | "
                f"{_ms(s['p99'])} | {s['errors']} |"
            )
        out.append("")
    return "\n".join(out) + "\n"
