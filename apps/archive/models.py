import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


def new_token():
    return secrets.token_hex(8)


class ArchiveExport(BaseModel):
    """One ZIP of a year's archive, built on disk by a task; kept ``ANQUAN_ARCHIVE_KEEP_DAYS`` days."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    token = models.CharField(max_length=16, unique=True, default=new_token, editable=False)
    path = models.CharField(_("file"), max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("requested by")
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kept until"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("archive export")
        verbose_name_plural = _("archive exports")

    def __str__(self):
        return f"{self.year} · {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("archive:export_detail", args=[self.pk])

    @property
    def is_finished(self):
        return self.status in (self.Status.READY, self.Status.FAILED, self.Status.EXPIRED)

    @property
    def filename(self):
        return f"anquan-archive-{self.year}.zip"
