from celery import shared_task


@shared_task(name="incidents.external_report_overdue")
def external_report_overdue():
    from .services import incident_external_overdue_send

    return incident_external_overdue_send()


@shared_task(name="incidents.action_reminders")
def action_reminders():
    from .services import action_reminders_send

    return action_reminders_send()
