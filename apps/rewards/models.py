"""Rewards and penalties (R8) and the weights of the department safety scorecard (R2.1.4).

A :class:`Decision` is one reward or penalty for a person or a department. It is proposed (by a safety
officer, or a department head for their own department), approved or rejected by management, then
announced (a reward) or notified to the person and their head (a penalty); a penalty may be appealed
by the person concerned and the appeal decided by management. Its moves are declared in
``workflow.py``. :class:`Evidence` points at the records a decision rests on (hazards, incidents,
inspections, training records, drills) through a generic relation, so this app imports none of them.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel

MAX_AMOUNT = Decimal("9999999.99")


class Decision(BaseModel):
    class Kind(models.TextChoices):
        # rewards
        HONOUR = "honour", _("Honour certificate")
        BONUS = "bonus", _("Bonus")
        PROMOTION = "promotion", _("Promotion recommendation")
        COMMENDATION = "commendation", _("Commendation")
        # penalties
        CRITICISM = "criticism", _("Criticism")
        WARNING = "warning", _("Written warning")
        FINE = "fine", _("Fine")
        DEMOTION = "demotion", _("Demotion recommendation")
        DISMISSAL = "dismissal", _("Dismissal recommendation")

    REWARD_KINDS = (Kind.HONOUR, Kind.BONUS, Kind.PROMOTION, Kind.COMMENDATION)
    PENALTY_KINDS = (Kind.CRITICISM, Kind.WARNING, Kind.FINE, Kind.DEMOTION, Kind.DISMISSAL)
    MONEY_KINDS = (Kind.BONUS, Kind.FINE)

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        ANNOUNCED = "announced", _("Announced")
        NOTIFIED = "notified", _("Notified")
        APPEALED = "appealed", _("Appealed")
        UPHELD = "upheld", _("Appeal dismissed")
        REVOKED = "revoked", _("Revoked on appeal")

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reward_decisions",
        verbose_name=_("person"),
        help_text=_("Leave empty for a decision about the whole department."),
    )
    department = models.ForeignKey(
        "organization.Department",
        on_delete=models.PROTECT,
        related_name="reward_decisions",
        verbose_name=_("department"),
    )
    reason = models.TextField(_("reason"))
    amount = models.DecimalField(
        _("amount (CNY)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)],
    )
    effective_date = models.DateField(_("effective date"))
    suggestion_key = models.CharField(_("suggestion"), max_length=120, blank=True, db_index=True)

    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("approved by"),
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("rejected by"),
    )  # fmt: skip
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("announced or notified by"),
    )  # fmt: skip
    published_at = models.DateTimeField(_("announced or notified at"), null=True, blank=True)
    appeal_statement = models.TextField(_("appeal statement"), blank=True)
    appealed_at = models.DateTimeField(_("appealed at"), null=True, blank=True)
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("appeal decided by"),
    )  # fmt: skip
    appeal_decided_at = models.DateTimeField(_("appeal decided at"), null=True, blank=True)
    appeal_decision = models.TextField(_("appeal decision"), blank=True)

    class Meta:
        ordering = ["-effective_date", "-id"]
        verbose_name = _("reward or penalty")
        verbose_name_plural = _("rewards and penalties")
        indexes = [models.Index(fields=["status", "effective_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(kind__in=["bonus", "fine"]),
                name="rewards_decision_amount_only_for_money",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.Kind(self.kind).label}"

    def get_absolute_url(self):
        return reverse("rewards:decision_detail", args=[self.pk])

    @property
    def is_reward(self) -> bool:
        return self.kind in self.REWARD_KINDS

    @property
    def is_penalty(self) -> bool:
        return self.kind in self.PENALTY_KINDS

    @property
    def target_name(self) -> str:
        if self.person_id:
            return str(self.person)
        return str(self.department)


class Evidence(models.Model):
    """One record a decision rests on: a hazard, an incident, an inspection, a training record, a drill."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("decision")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("record"), max_length=200)
    url = models.CharField(_("link"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "content_type", "object_id"], name="rewards_evidence_once_per_decision"
            )
        ]

    def __str__(self):
        return self.label


def _weight_field(label, default):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )


class ScoreWeights(BaseModel):
    """The weights of the scorecard's figures, set by safety officers (one row; the defaults until then)."""

    inspections = _weight_field(_("inspections done on time"), 20)
    hazards = _weight_field(_("hazards closed on time"), 20)
    major_hazards = _weight_field(_("no major hazards open"), 10)
    training = _weight_field(_("training compliance"), 15)
    incidents = _weight_field(_("no incidents"), 15)
    drills = _weight_field(_("drills held as planned"), 5)
    statements = _weight_field(_("statements signed"), 10)
    acknowledgements = _weight_field(_("acknowledgements done"), 5)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("updated by"),
    )  # fmt: skip

    FIELDS = ("inspections", "hazards", "major_hazards", "training", "incidents", "drills", "statements",
              "acknowledgements")  # fmt: skip

    class Meta:
        verbose_name = _("scorecard weights")
        verbose_name_plural = _("scorecard weights")

    def __str__(self):
        return ", ".join(f"{f}={getattr(self, f)}" for f in self.FIELDS)

    def as_dict(self) -> dict[str, int]:
        return {f: getattr(self, f) for f in self.FIELDS}
