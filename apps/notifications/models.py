from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.i18n_messages import message_render


class Notification(models.Model):
    """One message in one person's inbox, and its e-mail copy.

    ``key`` names the reminder or event (object, kind, period — e.g. ``hazard:42:overdue:2026-11-25``);
    the unique constraint on (recipient, key) is what makes every reminder go out once, however often
    a beat run or a retried task asks for it.

    ``message`` keeps the subject and body as message ids and parameters (:mod:`apps.core.i18n_messages`), so
    they are shown and e-mailed in the reader's language at the time they are read; ``subject`` and
    ``body`` hold the text as first rendered for the recipient (admin search, and the fallback for
    messages stored before ``message`` existed).

    ``about`` (content type, id) and ``about_topic`` name what the message asks about, so that a
    reminder whose subject has moved on (a hazard already signed off) shows as no longer needed
    (:mod:`apps.notifications.relevance`).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    key = models.CharField(_("key"), max_length=200)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    message = models.JSONField(_("message ids and parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    about_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("about")
    )
    about_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    about_topic = models.CharField(_("topic"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    send_email = models.BooleanField(_("send e-mail"), default=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    # Set by apps.notifications.relevance.mark_obsolete for the rows a page shows.
    is_obsolete = False

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            # Reminder runs find what was already sent about their records in one anti-join (issue 12).
            models.Index(fields=["about_type", "about_id"], name="notification_about_idx"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.subject

    @property
    def is_read(self):
        return self.read_at is not None

    def subject_text(self, language: str | None = None) -> str:
        """The subject in ``language`` (default: the active one, i.e. the reader's on a page)."""
        return self._text("subject", language)

    def body_text(self, language: str | None = None) -> str:
        return self._text("body", language)

    @property
    def display_subject(self) -> str:
        return self.subject_text()

    @property
    def display_body(self) -> str:
        return self.body_text()

    def _text(self, part: str, language: str | None) -> str:
        message = self.message or {}
        if part in message:
            return message_render(message[part], language)
        return getattr(self, part)
