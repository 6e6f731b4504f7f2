"""`make bench`: the performance benchmark on a company built by ``seed_scale`` (issue 12).

    DATABASE_URL=postgres://…/anquan_scale .venv/bin/python manage.py seed_scale --employees 50000
    DATABASE_URL=postgres://…/anquan_scale make bench            # writes bench/results.md

Runs against the database in ``DATABASE_URL`` (not a test database: the seeded one), with
``config.settings.local`` and DEBUG off. It measures, in one run:

- every main page per role (median, p95, queries, bytes) and its ratio to a *floor* page (the profile
  page: authenticated, the full layout, almost no data) measured in the same run;
- the CSV exports (time, rows, peak Python memory) and the PDFs;
- every periodic task, a first run and a quiet rerun (time, queries), inside a transaction rolled back
  afterwards, so the database is left as it was;
- a bounded load run against gunicorn (mixed role journeys, open-loop at increasing rates), reporting the
  highest rate with p95 ≤ 300 ms and no errors.

Not part of ``make test``. ``tests/bench.py`` (``make bench-growth``) is the older growth check on a
throwaway test database.
"""
