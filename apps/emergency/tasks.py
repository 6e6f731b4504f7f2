from celery import shared_task


@shared_task(name="emergency.drill_reminders")
def drill_reminders():
    from .services import drill_reminders_send

    return drill_reminders_send()
