"""A company of N employees for performance work: ``manage.py seed_scale --employees 50000``.

A registry of contributors, one module per app (``apps/demo/scale/<app>.py``), each registering
``build(ctx)`` with :func:`contributor`. ``seed_scale`` first runs the demo (``seed_demo --compact``: the
reference data — checklists, courses and exams, plans, documents, statement templates — and the demo
logins the benchmark signs in as), then every contributor in order, each in its own transaction.

Rules for a contributor (a module added later adds its share the same way: write the module, list it in
``MODULES``):

- **Bulk only.** Rows go in with :meth:`ScaleContext.insert` (PostgreSQL ``COPY``; ``bulk_create`` on
  SQLite), never through services: no per-row signals, history or notifications.
- **Idempotent per size.** ``done(ctx)`` tells whether the contributor's rows are already there (it is
  skipped then); scale rows carry a recognisable natural key (``sc-`` usernames and codes, ``SC-`` numbers).
  A database holds one size: asking for another size stops with a message (use a fresh database).
- **Deterministic.** Draw only from ``ctx.rng`` (seeded) and derive dates from ``ctx.today``.
- **Proportional.** Sizes come from ``ctx.n`` (employees) so that 50,000 gives the sizes of issue 12.
"""

import datetime
import importlib
import json
import random
import time
from dataclasses import dataclass, field

from django.db import connection, models
from django.utils import timezone

# Build order: later modules use what earlier ones left in ``ctx.data``.
MODULES = [
    "organization",
    "hazards",
    "inspections",
    "training",
    "incidents",
    "emergency",
    "documents",
    "responsibilities",
    "notifications",
]

CONTRIBUTORS = {}


def contributor(name, *, done=None):
    """Register ``build(ctx)`` under ``name``; ``done(ctx) -> bool`` says its rows already exist (without
    ``done``, ``build`` decides itself and must leave ``ctx.data`` filled either way: the organisation)."""

    def register(build):
        CONTRIBUTORS[name] = (build, done)
        return build

    return register


def load_contributors():
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return [(name, *CONTRIBUTORS[name]) for name in MODULES if name in CONTRIBUTORS]


@dataclass
class ScaleContext:
    n: int
    stdout: object = None
    rng: random.Random = field(default_factory=lambda: random.Random(20261129))
    data: dict = field(default_factory=dict)
    built: list = field(default_factory=list)  # (table, rows, seconds)

    def __post_init__(self):
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate()

    def scaled(self, per_50k, minimum=1):
        """``per_50k`` rows at 50,000 employees, in proportion for ``self.n`` (at least ``minimum``)."""
        return max(minimum, round(per_50k * self.n / 50000))

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def next_id(self, model):
        """The first free primary key of ``model``: rows inserted with explicit ids from here on."""
        return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1

    def insert(self, model, rows):
        """Insert ``rows`` (dicts of attname → value; absent fields get their default) and return how many.

        PostgreSQL: one ``COPY`` stream (ids given explicitly are kept and the id sequence is moved past
        them). Elsewhere: ``bulk_create`` in batches (the tests' tiny sizes).
        """
        started = time.monotonic()
        fields = list(model._meta.concrete_fields)
        fillers = [_filler(f, self.now) for f in fields]
        count = 0
        if connection.vendor == "postgresql":
            table = model._meta.db_table
            with_id = None
            buffer = []
            with connection.cursor() as cursor:
                for row in rows:
                    if with_id is None:
                        with_id = "id" in row
                        used = [
                            (f, fill) for f, fill in zip(fields, fillers, strict=True) if with_id or f.attname != "id"
                        ]
                        columns = ", ".join(connection.ops.quote_name(f.column) for f, _ in used)
                        copy_sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
                    buffer.append(tuple(fill(row) for _, fill in used))
                    count += 1
                    if len(buffer) >= 20000:
                        _copy(cursor, copy_sql, buffer)
                        buffer = []
                if buffer:
                    _copy(cursor, copy_sql, buffer)
                if with_id:
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {connection.ops.quote_name(table)}))"
                    )
        else:
            batch = []
            for row in rows:
                instance = model(
                    **{
                        f.attname: fill(row)
                        for f, fill in zip(fields, fillers, strict=True)
                        if f.attname in row or f.attname != "id"
                    }
                )
                batch.append(instance)
                count += 1
                if len(batch) >= 2000:
                    model.objects.bulk_create(batch)
                    batch = []
            if batch:
                model.objects.bulk_create(batch)
        self.built.append((model._meta.db_table, count, time.monotonic() - started))
        self.log(f"    {model._meta.db_table:<36}{count:>10,} rows {time.monotonic() - started:>7.1f} s")
        return count


def _copy(cursor, sql, rows):
    raw = cursor.cursor  # the psycopg cursor under Django's wrapper
    with raw.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _filler(f, now):
    """How to fill column ``f`` from a row dict: the given value, else the field's default."""
    name = f.attname
    if isinstance(f, models.JSONField):

        def fill(row, name=name, f=f):
            value = row[name] if name in row else f.get_default()
            return None if value is None else json.dumps(value)

        return fill
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return lambda row, name=name: row.get(name, now)
    if f.has_default():
        if callable(f.default):
            return lambda row, name=name, f=f: row[name] if name in row else f.get_default()
        default = f.get_default()
        return lambda row, name=name, default=default: row.get(name, default)
    if f.null or name == "id":
        return lambda row, name=name: row.get(name)
    if isinstance(f, (models.CharField, models.TextField)):
        return lambda row, name=name: row.get(name, "")
    return lambda row, name=name: row[name]


def day_time(day, rng, hour_from=8, hour_to=18):
    """A timezone-aware moment on ``day`` during working hours."""
    moment = datetime.datetime.combine(day, datetime.time(rng.randrange(hour_from, hour_to), rng.randrange(60)))
    return timezone.make_aware(moment)


def chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
