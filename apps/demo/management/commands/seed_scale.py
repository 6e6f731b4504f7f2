import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from apps.demo.scale import ScaleContext, load_contributors
from apps.organization.models import User


class Command(BaseCommand):
    help = (
        "Build a company of N employees for performance work (PostgreSQL; bulk inserts): "
        "idempotent per size, deterministic. Runs seed_demo --compact first for the reference data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=50000, help="number of employees (default 50,000)")
        parser.add_argument(
            "--skip-demo",
            action="store_true",
            help="do not run seed_demo first (it runs only on a database without the demo)",
        )

    def handle(self, *args, employees, skip_demo=False, **options):
        if employees < 50:
            self.stderr.write("--employees must be at least 50")
            return
        started = time.monotonic()
        if skip_demo or User.objects.filter(username="officer").exists():
            # Once scale rows exist the demo seeders would see them (plan inspections for every area,
            # training for every person): the demo runs once, before the company grows.
            self.stdout.write("demo data already there")
        else:
            self.stdout.write("seed_demo --compact (reference data and demo logins)")
            call_command("seed_demo", compact=True, stdout=_Null())
        ctx = ScaleContext(n=employees, stdout=self.stdout)
        self.stdout.write(f"Scale company of {employees:,} employees on {connection.vendor}")
        for name, build, done in load_contributors():
            if done is not None and done(ctx):
                self.stdout.write(f"  {name}: already there")
                continue
            step = time.monotonic()
            self.stdout.write(f"  {name}")
            with transaction.atomic():
                made = build(ctx)
            if made is False:
                self.stdout.write("    already there")
            else:
                self.stdout.write(f"  {name} done in {time.monotonic() - step:.1f} s")
        if connection.vendor == "postgresql" and ctx.built:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total = sum(rows for _table, rows, _s in ctx.built)
        self.stdout.write(
            self.style.SUCCESS(
                f"Built {total:,} rows in {len(ctx.built)} bulk inserts; {time.monotonic() - started:.1f} s"
            )
        )


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
