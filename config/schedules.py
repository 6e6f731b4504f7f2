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
    "notifications-unsent-emails": {
        "task": "notifications.send_unsent_emails",
        "every_minutes": 10,
        "description": "E-mail the notifications whose e-mail could not be queued (broker down) or was lost.",
    },
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
    "incidents-external-report-overdue": {
        "task": "incidents.external_report_overdue",
        "every_minutes": 30,
        "description": "Incidents: warn officers once when a required external report is overdue (R5.2.3).",
    },
    "incidents-action-reminders": {
        "task": "incidents.action_reminders",
        "crontab": {"minute": "45", "hour": "7"},
        "description": "Incidents: corrective actions due to owners; effectiveness checks due to officers (R5.2.4).",
    },
    "emergency-drill-reminders": {
        "task": "emergency.drill_reminders",
        "every_minutes": 15,
        "description": "Drills starting within the lead time: remind participants and officers once (R5.1.2).",
    },
    "documents-reminders": {
        "task": "documents.send_reminders",
        "crontab": {"minute": "0", "hour": "9"},
        "description": "Documents: chase unacknowledged campaigns due soon or overdue; documents past review (R2.2.1).",
    },
    "archive-cleanup": {
        "task": "archive.cleanup_exports",
        "crontab": {"minute": "30", "hour": "3"},
        "description": "Archive: delete exported ZIPs older than ANQUAN_ARCHIVE_KEEP_DAYS (R2.2.6).",
    },
    "archive-requeue": {
        "task": "archive.requeue_exports",
        "crontab": {"minute": "*/15"},
        "description": "Archive: queue again the exports still waiting after a broker outage (R2.2.6).",
    },
    "responsibilities-reminders": {
        "task": "responsibilities.send_reminders",
        "crontab": {"minute": "50", "hour": "7"},
        "description": "Responsibilities: work plan tasks and action items due/overdue (chair told), "
        "statements to sign and countersign (R2).",
    },
    "rewards-quarterly-suggestions": {
        "task": "rewards.suggestions_notify",
        "crontab": {"minute": "10", "hour": "8", "day_of_month": "1-7"},
        "description": "Rewards: tell the safety officers, once a quarter, the candidates the last quarter's "
        "records suggest (R8).",
    },
}
