from celery import shared_task


@shared_task(name="responsibilities.send_reminders")
def send_reminders():
    """Work plan tasks and action items due/overdue (chairs told of overdue items), statements to sign
    and to countersign — each once per key, derived from the database."""
    from .services import responsibilities_reminders_send

    return responsibilities_reminders_send()
