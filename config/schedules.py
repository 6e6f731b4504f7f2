"""Every periodic task of Anquan, declared in one place.

``manage.py install_schedules`` writes these into django-celery-beat (idempotent; run by ``make run``,
by the production entrypoint and after deploys). Operators may then change times in the admin;
re-running the command resets only the schedule of tasks listed here and leaves ``enabled`` alone.
Reminder tasks derive what is due from database state and send through
``apps.notifications.services.notify`` with a unique key, so a missed run is caught up by the next
one and a doubled run sends nothing twice.

Each entry: name -> {"task": dotted Celery task name, "crontab": {minute, hour, ...} or
"every_minutes": N, "description": text}.
"""

SCHEDULES: dict[str, dict] = {
    "hazards-reminders": {
        "task": "hazards.send_reminders",
        "crontab": {"minute": "0", "hour": "8"},
        "description": "Hazards: deadline reminders, overdue to responsible person and head, escalation (R7.3).",
    },
    "training-daily": {
        "task": "training.daily",
        "crontab": {"minute": "15", "hour": "6"},
        "description": "Training: refresher and periodic assignments, timed-out exams, reminders (R6.4.3).",
    },
    "inspections-reminders": {
        "task": "inspections.send_reminders",
        "crontab": {"minute": "30", "hour": "7"},
        "description": "Inspections due soon/overdue to inspectors; equipment checks due and expired to officers.",
    },
}
