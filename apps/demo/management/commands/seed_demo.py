import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.demo.seeders import ORDER, SeedContext


class Command(BaseCommand):
    help = "Build (or refresh) the demo company: idempotent, safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", choices=ORDER, help="run only these seeders")

    def handle(self, *args, only=None, **options):
        ctx = SeedContext(stdout=self.stdout)
        for name in ORDER:
            if only and name not in only and name != "organization":
                continue
            try:
                module = importlib.import_module(f"apps.demo.seeders.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"apps.demo.seeders.{name}":
                    raise
                continue
            with transaction.atomic():
                module.seed(ctx)
            self.stdout.write(f"  seeded {name}")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready. Logins (password safety-first): manager, officer, head, employee, newhire"
            )
        )
