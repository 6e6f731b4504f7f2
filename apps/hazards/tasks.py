from celery import shared_task


@shared_task(name="hazards.send_reminders")
def send_reminders():
    """Deadline reminders, overdue notices and escalation to management (once each, by key)."""
    from .services import hazard_reminders_send

    return hazard_reminders_send()
