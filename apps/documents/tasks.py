from celery import shared_task


@shared_task(name="documents.send_reminders")
def send_reminders():
    from .services import reminders_send

    return reminders_send()
