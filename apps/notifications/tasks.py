from celery import shared_task


@shared_task(name="notifications.email_notification", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def email_notification(notification_id):
    from .services import notification_email_send

    return notification_email_send(notification_id=notification_id)


@shared_task(name="notifications.deliver")
def deliver(recipient_id, key, subject, body="", url=""):
    """Deliver one ready-made message (used by reminders queued from elsewhere); once per key."""
    from django.contrib.auth import get_user_model

    from .services import notify

    user = get_user_model().objects.filter(pk=recipient_id).first()
    if user is None:
        return 0
    return len(notify(recipients=[user], key=key, subject=subject, body=body, url=url))


@shared_task(name="notifications.send_unsent_emails")
def send_unsent_emails(older_than_seconds=None):
    """Periodic (config/schedules.py): e-mail what could not be queued when it happened."""
    import datetime

    from .services import SWEEP_GRACE, notification_email_sweep

    grace = SWEEP_GRACE if older_than_seconds is None else datetime.timedelta(seconds=float(older_than_seconds))
    return notification_email_sweep(older_than=grace)
