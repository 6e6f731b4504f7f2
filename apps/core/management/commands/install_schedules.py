"""Write ``config.schedules.SCHEDULES`` into django-celery-beat; safe to run on every start."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from config.schedules import SCHEDULES

CRONTAB_FIELDS = ("minute", "hour", "day_of_week", "day_of_month", "month_of_year")


def _schedule_for(name: str, entry: dict) -> dict:
    """The PeriodicTask fields (crontab or interval) for one SCHEDULES entry."""
    from django.conf import settings

    if ("crontab" in entry) == ("every_minutes" in entry):
        raise CommandError(f"{name}: give exactly one of 'crontab' or 'every_minutes'")
    if "every_minutes" in entry:
        minutes = int(entry["every_minutes"])
        if minutes < 1:
            raise CommandError(f"{name}: every_minutes must be at least 1")
        interval, _ = IntervalSchedule.objects.get_or_create(every=minutes, period=IntervalSchedule.MINUTES)
        return {"interval": interval, "crontab": None}
    spec = entry["crontab"]
    unknown = set(spec) - set(CRONTAB_FIELDS)
    if unknown:
        raise CommandError(f"{name}: unknown crontab fields {sorted(unknown)}")
    fields = {field: str(spec.get(field, "*")) for field in CRONTAB_FIELDS}
    crontab = CrontabSchedule.objects.filter(**fields, timezone=settings.CELERY_TIMEZONE).first()
    if crontab is None:
        crontab = CrontabSchedule.objects.create(**fields, timezone=settings.CELERY_TIMEZONE)
    return {"crontab": crontab, "interval": None}


class Command(BaseCommand):
    help = (
        "Install the periodic tasks declared in config/schedules.py into django-celery-beat. Idempotent: "
        "updates task name, schedule, arguments and description; never changes 'enabled' of an existing task."
    )

    def handle(self, *args, **options):
        from config.celery import app

        app.loader.import_default_modules()  # registers every app's tasks, so typos fail here
        unknown = sorted(e["task"] for e in SCHEDULES.values() if e.get("task") not in app.tasks)
        if unknown:
            raise CommandError(f"config/schedules.py names tasks that do not exist: {unknown}")

        created = updated = 0
        with transaction.atomic():
            for name, entry in SCHEDULES.items():
                defaults = {
                    "task": entry["task"],
                    "description": entry.get("description", ""),
                    "args": json.dumps(entry.get("args", [])),
                    "kwargs": json.dumps(entry.get("kwargs", {})),
                    **_schedule_for(name, entry),
                }
                task = PeriodicTask.objects.filter(name=name).first()
                if task is None:
                    PeriodicTask.objects.create(name=name, enabled=True, **defaults)
                    created += 1
                    continue
                changed = [field for field, value in defaults.items() if getattr(task, field) != value]
                if changed:
                    for field in changed:
                        setattr(task, field, defaults[field])
                    task.save()
                    updated += 1

        others = PeriodicTask.objects.exclude(name__in=SCHEDULES).exclude(task="celery.backend_cleanup")
        for task in others.order_by("name"):
            self.stdout.write(f"Not in config/schedules.py (left as is): {task.name} ({task.task})")
        verbosity = options["verbosity"]
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Schedules: {len(SCHEDULES)} declared, {created} created, {updated} updated, "
                    f"{len(SCHEDULES) - created - updated} unchanged."
                )
            )
