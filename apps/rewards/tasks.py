from celery import shared_task


@shared_task(name="rewards.suggestions_notify")
def suggestions_notify():
    from .services import suggestions_notify as notify_officers

    return notify_officers()
