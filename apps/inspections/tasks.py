from celery import shared_task


@shared_task(name="inspections.send_reminders")
def send_reminders():
    """Inspection due-soon/overdue reminders to inspectors; equipment due/expired to the safety officers."""
    from .services import equipment_reminders_send, inspection_reminders_send

    return inspection_reminders_send() + equipment_reminders_send()
