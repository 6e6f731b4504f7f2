from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .i18n import pick_language


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class BilingualNameMixin(models.Model):
    """A name kept in English and Chinese; ``str()`` shows the one for the active language."""

    name = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return pick_language(self.name, self.name_zh)


class TimelineEntry(models.Model):
    """One state change of any record: who moved it from where to where, why, and when."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=60)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # A comment the system wrote ("12 inspections"), as message ids and parameters (apps.core.i18n_messages), so it
    # reads in each reader's language; ``comment`` then holds its English text. Empty for people's words.
    comment_message = models.JSONField(_("comment (message ids)"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self):
        return f"{self.action}: {self.from_state} → {self.to_state}"

    @property
    def display_comment(self) -> str:
        """The comment in the active language (a system comment is rendered; a person's words as written)."""
        if self.comment_message is not None:
            from .i18n_messages import message_render

            return message_render(self.comment_message)
        return self.comment


def attachment_path(instance, filename):
    """A stored name made of the random token only (``-thumb`` for the thumbnail), never the uploaded
    name; ``apps.core.services.attachment_add`` passes ``file.<detected ext>`` or ``thumb.jpg``."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if not ext.isalnum():
        ext = "bin"
    suffix = "-thumb" if filename.startswith("thumb.") else ""
    return f"attachments/{instance.content_type.app_label}/{instance.object_id}/{instance.token}{suffix}.{ext}"


class Attachment(models.Model):
    """A photo or file attached to any record; served only through ``core:attachment``."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    role = models.CharField(_("purpose"), max_length=40, blank=True, help_text=_("e.g. report, evidence"))
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=attachment_path, max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    mime_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    @property
    def is_image(self):
        return self.mime_type.startswith("image/")

    @property
    def download_name(self):
        """A neutral file name for downloads: the purpose and part of the token, never the uploaded
        name (it can name a person or a device, and an anonymous report must not)."""
        from .uploads import STORED_TYPES

        ext = STORED_TYPES.get(self.mime_type, "bin")
        return f"{self.role or 'file'}-{self.token[:8]}.{ext}"


class NumberSequence(models.Model):
    """The last record number handed out per prefix and year (``YH-2026-0042``); see
    :func:`apps.core.services.record_number_next`."""

    prefix = models.CharField(_("prefix"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        ordering = ["prefix", "year"]
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="number_sequence_prefix_year_unique")]
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"
