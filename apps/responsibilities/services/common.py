"""Helpers shared by the responsibilities services (not part of the app's public API)."""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import format_lazy

from apps.core.exceptions import ApplicationError
from apps.core.services import attachment_add
from apps.core.uploads import DOCUMENTS
from apps.notifications.services import notify
from apps.organization import selectors as organization_selectors

logger = logging.getLogger(__name__)


def after_commit(side_effect, what: str) -> None:
    """Queue a side effect (notifications) for after the commit, guarded: if it fails, it is logged and
    the change stands — the periodic reminders find what was missed."""

    def run():
        try:
            side_effect()
        except Exception:
            logger.exception("side effect after %s failed; the change stands", what)

    transaction.on_commit(run)


def users(**filters) -> list:
    return list(get_user_model().objects.filter(is_active=True, **filters))


def management() -> list:
    return list(organization_selectors.management())


def officers() -> list:
    return list(organization_selectors.safety_officers())


def send(*, recipients, key, subject, body="", url=""):
    """One message to each recipient once per key (nothing when nobody is left to tell)."""
    recipients = [r for r in recipients if r is not None]
    if recipients:
        notify(recipients=recipients, key=key, subject=subject, body=body, url=url)


def subject(record_label, text):
    return format_lazy("{record}: {text}", record=record_label, text=text)


def require_text(value, message) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message)
    return value


def attach(subject_obj, upload, user, role):
    """An invoice or evidence file, checked by content; a bad file refuses the whole step."""
    if not upload:
        return None
    try:
        return attachment_add(subject=subject_obj, upload=upload, user=user, role=role, allowed=DOCUMENTS)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages)) from exc
