"""Controlled documents (R2.2.1) and read-and-acknowledge campaigns.

A :class:`Document` (a safety rule, a procedure, an operating instruction, a form, a contingency plan,
the regulation itself) has numbered :class:`DocumentVersion` rows; each version moves draft → under
review → approved (by management, never by its author) → superseded (when the next version is
approved) or withdrawn. At most one version of a document is in force (approved); superseded versions
stay readable. A :class:`Campaign` asks everyone in its scope to read one version and acknowledge it;
the scope is computed live from the organisation (``documents.selectors.campaign_people``), so somebody
who joins a department in scope later is included and the counts are always exact.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


def _zh():
    return (get_language() or "en").lower().startswith("zh")


class Document(BaseModel):
    class Category(models.TextChoices):
        RULE = "rule", _("Safety rule")
        PROCEDURE = "procedure", _("Procedure")
        INSTRUCTION = "instruction", _("Operating instruction")
        FORM = "form", _("Form")
        PLAN = "plan", _("Contingency plan")
        REGULATION = "regulation", _("Regulation")

    number = models.CharField(_("number"), max_length=40, unique=True, help_text=_("e.g. AQ-GL-003"))
    title = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    owner_department = models.ForeignKey(
        "organization.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("owner department"),
    )
    clauses = models.ManyToManyField(
        "regulation.Clause", blank=True, related_name="documents", verbose_name=_("clauses carried out")
    )
    current_version = models.ForeignKey(
        "documents.DocumentVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("version in force"),
    )

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("controlled document")
        verbose_name_plural = _("controlled documents")

    def __str__(self):
        return f"{self.number} {self.display_title}"

    def get_absolute_url(self):
        return reverse("documents:document_detail", args=[self.pk])

    @property
    def display_title(self):
        return self.title_zh if _zh() and self.title_zh else self.title


class DocumentVersion(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        UNDER_REVIEW = "under_review", _("Under review")
        APPROVED = "approved", _("In force")
        SUPERSEDED = "superseded", _("Superseded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Body(models.TextChoices):
        TEXT = "text", _("Text written in Anquan (Markdown)")
        FILE = "file", _("Uploaded file (PDF, Word, Excel)")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    body_kind = models.CharField(_("body"), max_length=10, choices=Body.choices, default=Body.TEXT)
    body = models.TextField(_("text (English)"), blank=True)
    body_zh = models.TextField(_("text (Chinese)"), blank=True)
    structured = models.TextField(
        _("clauses"),
        blank=True,
        help_text=_("The regulation only: one clause per line (ref | 中文标题 | title | 中文正文 | text)."),
    )
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    review_date = models.DateField(_("review by"), null=True, blank=True, db_index=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["document", "-number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique_number"),
            models.UniqueConstraint(
                fields=["document"], condition=Q(status="approved"), name="document_one_version_in_force"
            ),
        ]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")

    def __str__(self):
        return f"{self.document.number} v{self.number}"

    def get_absolute_url(self):
        return reverse("documents:version_detail", args=[self.pk])

    @property
    def label(self):
        return f"{self.document.number} v{self.number}"

    @property
    def is_in_force(self):
        return self.status == self.Status.APPROVED

    @property
    def display_body(self):
        return self.body_zh if _zh() and self.body_zh else self.body

    @property
    def is_past_review(self):
        return self.is_in_force and self.review_date is not None and self.review_date < timezone.localdate()


class Campaign(BaseModel):
    """Read and acknowledge one version: everyone in scope (departments, posts, sites or everyone)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("document version")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    everyone = models.BooleanField(_("everyone"), default=False)
    departments = models.ManyToManyField(
        "organization.Department", blank=True, related_name="+", verbose_name=_("departments")
    )
    posts = models.ManyToManyField("organization.Post", blank=True, related_name="+", verbose_name=_("posts"))
    sites = models.ManyToManyField(
        "organization.Site",
        blank=True,
        related_name="+",
        verbose_name=_("sites"),
        help_text=_("Everyone in a department that has an area on the site."),
    )
    due_date = models.DateField(_("due date"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("started by")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("acknowledgement campaign")
        verbose_name_plural = _("acknowledgement campaigns")

    def __str__(self):
        return self.title or str(self.version)

    def get_absolute_url(self):
        return reverse("documents:campaign_detail", args=[self.pk])


class Acknowledgement(models.Model):
    """A person read a version and said so: who, when, which version."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="acknowledgements", verbose_name=_("campaign")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="acknowledgements", verbose_name=_("person")
    )
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, related_name="acknowledgements", verbose_name=_("version")
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), default=timezone.now)

    class Meta:
        ordering = ["-acknowledged_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="acknowledgement_once_per_campaign")]
        indexes = [models.Index(fields=["person", "version"])]
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")

    def __str__(self):
        return f"{self.person} · {self.version}"

    def get_absolute_url(self):
        return self.campaign.get_absolute_url()
