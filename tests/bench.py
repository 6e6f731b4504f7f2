"""`make bench`: time key list pages through Django's test client on seeded data; prints, never asserts.

    .venv/bin/python -m tests.bench            # SQLite (a throwaway test database)
    DATABASE_URL=postgres://... .venv/bin/python -m tests.bench

Each benchmark seeds N rows (for several N), then requests its pages a few times and prints the median
time and the number of SQL queries. A page whose time or query count grows with N needs a look.
Add a benchmark by writing ``bench_<name>(n) -> list[(label, user, url)]`` below and listing it in
BENCHMARKS.
"""

import os
import statistics
import sys
import time
import warnings

SIZES = (100, 1000, 10000)
REPEAT = 5


def bench_notifications_inbox(n):
    from django.utils import timezone

    from apps.notifications.models import Notification
    from tests.organization.factories import UserFactory

    user = UserFactory(username=f"bench-inbox-{n}")
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            key=f"bench:{i}",
            subject=f"Reminder {i}",
            body="Fire extinguisher check due",
            url="/",
            read_at=now if i % 3 else None,
        )
        for i in range(n)
    )
    return [
        ("inbox, page 1", user, "/notifications/"),
        ("inbox, unread only", user, "/notifications/?unread=1"),
        ("inbox, last page", user, "/notifications/?page=last"),
        ("unread badge", user, "/notifications/unread-badge/"),
    ]


def bench_hazard_list(n):
    from apps.hazards.models import Hazard
    from tests.organization.factories import AreaFactory, DepartmentFactory, UserFactory

    department = DepartmentFactory(code=f"bench-hz-{n}")
    officer = UserFactory(username=f"bench-hz-officer-{n}", role="officer", department=department)
    head = UserFactory(username=f"bench-hz-head-{n}", department=department)
    department.head = head
    department.save()
    area = AreaFactory(department=department)
    statuses = [s for s, _ in Hazard.Status.choices]
    Hazard.objects.bulk_create(
        Hazard(
            number=f"YH-B{n}-{i:05d}",
            title=f"Blocked fire exit {i}",
            description="Boxes in front of the door.",
            reporter=officer,
            area=area,
            department=department,
            category=Hazard.Category.FIRE,
            status=statuses[i % len(statuses)],
        )
        for i in range(n)
    )
    return [
        ("hazard list (officer)", officer, "/hazards/"),
        ("hazard list, open, fire (head)", head, "/hazards/?status=reported&category=fire"),
        ("hazard risk map (officer)", officer, "/hazards/map/"),
    ]


def bench_rewards(n):
    """``n`` rewards and penalties, and ``n`` hazards over ``n // 50`` departments: the decision list, the
    notice board and the department safety scorecard (its queries must not grow with either)."""
    import datetime

    from apps.hazards.models import Hazard
    from apps.rewards.models import Decision
    from tests.organization.factories import AreaFactory, DepartmentFactory, UserFactory

    departments = [DepartmentFactory(code=f"bench-rw-{n}-{i}") for i in range(max(2, n // 50))]
    officer = UserFactory(username=f"bench-rw-officer-{n}", role="officer", department=departments[0])
    people = [UserFactory(username=f"bench-rw-{n}-{i}", department=d) for i, d in enumerate(departments)]
    area = AreaFactory(department=departments[0])
    day = datetime.date(2026, 5, 1)
    kinds = [k for k, _ in Decision.Kind.choices]
    statuses = [s for s, _ in Decision.Status.choices]
    Decision.objects.bulk_create(
        Decision(
            number=f"JC-B{n}-{i:06d}",
            kind=kinds[i % len(kinds)],
            status=statuses[i % len(statuses)],
            person=people[i % len(people)],
            department=people[i % len(people)].department,
            reason=f"Reason {i}",
            effective_date=day,
            proposed_by=officer,
            amount=100 if kinds[i % len(kinds)] in Decision.MONEY_KINDS else None,
        )  # fmt: skip
        for i in range(n)
    )
    Hazard.objects.bulk_create(
        Hazard(
            number=f"YH-RW{n}-{i:06d}",
            title=f"Hazard {i}",
            reporter=officer,
            area=area,
            grade="general",
            department=departments[i % len(departments)],
            deadline=day,
            status="closed",
        )  # fmt: skip
        for i in range(n)
    )
    return [
        ("rewards list", officer, "/rewards/"),
        ("notice board", officer, "/rewards/board/"),
        ("scorecard, Q2", officer, "/rewards/scorecard/?year=2026&quarter=2"),
    ]


BENCHMARKS = [bench_notifications_inbox, bench_hazard_list, bench_rewards]


def bench_archive_export_memory(n):
    """Peak Python memory (tracemalloc) of building the archive ZIP of a year with ``n`` hazards: it must
    stay flat as ``n`` grows (rows are streamed from the database into the ZIP on disk)."""
    from django.utils import timezone

    from apps.hazards.models import Hazard
    from tests.archive.helpers import export_peak_bytes
    from tests.organization.factories import AreaFactory, UserFactory

    officer = UserFactory(username=f"bench-archive-{n}", role="officer")
    area = AreaFactory()
    Hazard.objects.bulk_create(
        Hazard(number=f"YH-A{n}-{i:06d}", title=f"Hazard {i}", reporter=officer, area=area) for i in range(n)
    )
    return export_peak_bytes(user=officer, year=timezone.localdate().year)


# (label, function(n) -> bytes): memory benchmarks, printed per size in KiB.
MEMORY_BENCHMARKS = [("archive export, peak memory", bench_archive_export_memory)]


def _time_page(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, f"{url}: {response.status_code}"
    return statistics.median(timings), len(queries)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    warnings.filterwarnings("ignore", "No directory at")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}; median of {REPEAT} requests")
        print(f"{'page':<40}{'rows':>8}{'ms':>10}{'queries':>9}")
        for bench in BENCHMARKS:
            for n in SIZES:
                for label, user, url in bench(n):
                    client = Client()
                    client.force_login(user)
                    ms, queries = _time_page(client, url)
                    print(f"{label:<40}{n:>8}{ms:>10.1f}{queries:>9}")
                    sys.stdout.flush()
        print(f"{'memory':<40}{'rows':>8}{'KiB':>10}")
        for label, bench in MEMORY_BENCHMARKS:
            for n in SIZES:
                print(f"{label:<40}{n:>8}{bench(n) / 1024:>10.0f}")
                sys.stdout.flush()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
