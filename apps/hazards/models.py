from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel

from .conf import hazard_setting


class Hazard(BaseModel):
    """A hazard (隐患) on its way from report to verified fix (docs/regulation.md R7.3)."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        ASSESSED = "assessed", _("Assessed, awaiting plan")
        RECTIFYING = "rectifying", _("Being rectified")
        RECTIFIED = "rectified", _("Awaiting sign-off")
        SIGNED_OFF = "signed_off", _("Awaiting verification")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Rejected")

    class Grade(models.TextChoices):
        GENERAL = "general", _("General hazard")
        MAJOR = "major", _("Major hazard")

    class RiskLevel(models.TextChoices):
        # Ordered from most to least severe; the colours are the ones used in Chinese practice.
        RED = "red", _("Red – major risk")
        ORANGE = "orange", _("Orange – significant risk")
        YELLOW = "yellow", _("Yellow – moderate risk")
        BLUE = "blue", _("Blue – low risk")

    class Category(models.TextChoices):
        FIRE = "fire", _("Fire")
        ELECTRICAL = "electrical", _("Electrical")
        NETWORK = "network", _("Network security")
        PREMISES = "premises", _("Premises and personnel")
        INFOSEC = "infosec", _("Information security")
        OTHER = "other", _("Other")

    OPEN_STATUSES = (Status.REPORTED, Status.ASSESSED, Status.RECTIFYING, Status.RECTIFIED, Status.SIGNED_OFF)
    # A hazard is overdue while its rectification is not done and the deadline has passed.
    DEADLINE_STATUSES = (Status.ASSESSED, Status.RECTIFYING)
    RISK_ORDER = {RiskLevel.RED: 4, RiskLevel.ORANGE: 3, RiskLevel.YELLOW: 2, RiskLevel.BLUE: 1}
    # States that wait on one person's approval: the field stamped by the only move into the state
    # (rectify, sign off) and the setting naming after how many days the wait is chased (reminder
    # task, "waiting N days" badge).
    WAITING = {
        Status.RECTIFIED: ("rectified_at", "SIGN_OFF_REMIND_DAYS"),
        Status.SIGNED_OFF: ("signed_off_at", "VERIFY_REMIND_DAYS"),
    }

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    # A title other modules raise in both languages ("Failed: …" / "不合格：…"); blank for typed reports.
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REPORTED)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)

    # Where.
    area = models.ForeignKey(
        "organization.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hazards",
        verbose_name=_("area"),
    )
    location_text = models.CharField(_("location details"), max_length=200, blank=True)
    # The site: the area's, or where a finding without an area was made (an inspection of a whole site),
    # so the risk map and the site filter count it.
    site = models.ForeignKey(
        "organization.Site",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hazards",
        verbose_name=_("site"),
    )

    # Who reported it.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reported_hazards",
        verbose_name=_("reported by"),
    )
    is_anonymous = models.BooleanField(
        _("report anonymously"),
        default=False,
        help_text=_("Only the safety officers will see your name."),
    )

    # Assessment.
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices, blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), null=True, blank=True)
    severity = models.PositiveSmallIntegerField(_("severity"), null=True, blank=True)
    risk_level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices, blank=True)
    deadline = models.DateField(_("rectification deadline"), null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("assessed by"),
    )  # fmt: skip
    assessed_at = models.DateTimeField(_("assessed at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    # Rectification plan ("five fixes" 五定 for a major hazard: measures, responsibility, funds, deadline,
    # contingency).
    department = models.ForeignKey(
        "organization.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hazards",
        verbose_name=_("responsible department"),
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_hazards",
        verbose_name=_("responsible person"),
    )
    measures = models.TextField(_("rectification measures"), blank=True)
    funds = models.DecimalField(_("funds (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True)
    interim_safeguards = models.TextField(_("interim safeguards"), blank=True)
    contingency = models.TextField(_("contingency arrangement"), blank=True)
    planned_at = models.DateTimeField(_("planned at"), null=True, blank=True)

    # Rectification, sign-off, verification.
    rectification_note = models.TextField(_("what was done"), blank=True)
    rectified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("rectified by"),
    )  # fmt: skip
    rectified_at = models.DateTimeField(_("rectified at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("signed off by"),
    )  # fmt: skip
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("verified by"),
    )  # fmt: skip
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # The record that raised it (a failed inspection item, a drill finding, an incident action).
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("source type")
    )
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["source_type", "source_id"]),
            # "To assess" (home page, my work): the oldest reported hazards. Without it PostgreSQL walks the
            # created_at index past every closed hazard (140 ms at 100 k hazards; EXPLAIN in issue 12).
            models.Index(fields=["status", "created_at", "id"], name="hazard_status_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__isnull=True) | models.Q(likelihood__gte=1, likelihood__lte=5),
                name="hazard_likelihood_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(severity__isnull=True) | models.Q(severity__gte=1, severity__lte=5),
                name="hazard_severity_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(source_type__isnull=True, source_id__isnull=True)
                | models.Q(source_type__isnull=False, source_id__isnull=False),
                name="hazard_source_complete",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.display_title}"

    @property
    def display_title(self):
        """The title in the reader's language when it was raised in both."""
        if self.title_zh and (get_language() or "en").lower().startswith("zh"):
            return self.title_zh
        return self.title

    def get_absolute_url(self):
        return reverse("hazards:hazard_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self):
        return (
            self.deadline is not None and self.status in self.DEADLINE_STATUSES and self.deadline < timezone.localdate()
        )

    @property
    def waiting_since(self):
        """When the hazard entered its current waiting state (None unless awaiting sign-off or
        verification). ``updated_at`` stands in for a stamp missing from data not written by the services."""
        spec = self.WAITING.get(self.status)
        if spec is None:
            return None
        return getattr(self, spec[0]) or self.updated_at

    @property
    def waiting_days(self):
        """Whole calendar days (company time zone) spent in the current waiting state, or None."""
        since = self.waiting_since
        if since is None:
            return None
        return (timezone.localdate() - timezone.localdate(since)).days

    @property
    def is_waiting_too_long(self):
        """Awaiting sign-off or verification for the configured number of days or more."""
        days = self.waiting_days
        return days is not None and days >= hazard_setting(self.WAITING[self.status][1])

    @property
    def sign_off_escalated(self):
        """The head of the responsible department recorded the rectification, so management signs it
        off (whoever did the work does not approve it)."""
        return (
            self.rectified_by_id is not None
            and self.department_id is not None
            and self.department.head_id == self.rectified_by_id
        )

    @property
    def is_major(self):
        return self.grade == self.Grade.MAJOR

    @property
    def risk_score(self):
        if self.likelihood and self.severity:
            return self.likelihood * self.severity
        return None

    @property
    def place(self):
        """Area and free-text details, for lists and the notice."""
        parts = [self.area.full_name] if self.area_id else []
        if self.location_text:
            parts.append(self.location_text)
        return " · ".join(parts)

    @property
    def source_url(self):
        source = self.source if self.source_id else None
        getter = getattr(source, "get_absolute_url", None)
        return getter() if getter else ""
