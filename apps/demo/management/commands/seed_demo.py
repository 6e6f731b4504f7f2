import importlib
import logging
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from apps.demo.seeders import ORDER, SeedContext

DUMMY_EMAIL = "django.core.mail.backends.dummy.EmailBackend"
NOISY_LOGGERS = ("celery.app.trace", "kombu.connection")


class Command(BaseCommand):
    help = "Build (or refresh) the demo company: idempotent, safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", nargs="*", choices=ORDER, help="run only these seeders (organisation always runs)"
        )
        parser.add_argument(
            "--compact",
            action="store_true",
            help="a short history (exam attempts for the demo logins, latest inspections finished): browser tests",
        )
        parser.add_argument(
            "--send-email",
            action="store_true",
            help="really send the e-mails the demo's notifications produce (default: in-app inbox only; "
            "the demo addresses are @antai-cs.example and cannot receive mail)",
        )

    def handle(self, *args, only=None, send_email=False, compact=False, **options):
        ctx = SeedContext(stdout=self.stdout, compact=compact)
        started = time.monotonic()
        with _quiet(send_email=send_email):
            for name in ORDER:
                if only and name not in only and name != "organization":
                    continue
                try:
                    module = importlib.import_module(f"apps.demo.seeders.{name}")
                except ModuleNotFoundError as exc:
                    if exc.name != f"apps.demo.seeders.{name}":
                        raise
                    continue
                seeder_started = time.monotonic()
                with transaction.atomic():
                    module.seed(ctx)
                self.stdout.write(f"  seeded {name} ({time.monotonic() - seeder_started:.1f} s)")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready in {time.monotonic() - started:.1f} s. "
                "Logins (password safety-first): manager, officer, head, employee, newhire"
            )
        )


@contextmanager
def _quiet(*, send_email):
    """Seeding drives the real services, which notify people; keep the inbox rows, drop the e-mail
    (unless asked) and the per-task log lines of in-process Celery."""
    loggers = [logging.getLogger(name) for name in NOISY_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        if send_email:
            yield
        else:
            with override_settings(EMAIL_BACKEND=DUMMY_EMAIL):
                yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
