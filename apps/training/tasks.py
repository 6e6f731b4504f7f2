"""Thin Celery tasks: each calls one service (scheduled in config/schedules.py)."""

from celery import shared_task

from .services import exam_attempts_expire, requirements_sync, training_reminders_send


@shared_task(name="training.daily")
def training_daily():
    """Assign periodic and refresher training, close timed-out exams, send reminders (each once)."""
    exam_attempts_expire()
    created = requirements_sync()
    sent = training_reminders_send()
    return {"assigned": len(created), "reminders": sent}
