"""Contingency plans (应急预案), the emergency response team and drills (R5.1)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.bounds import MAX_INTERVAL_MONTHS, interval_validators, range_constraint
from apps.core.i18n import pick_language
from apps.core.models import BaseModel, BilingualNameMixin

DEFAULT_DRILL_INTERVAL_MONTHS = 6
MAX_EVACUATION_MINUTES = 24 * 60  # bounded, not judged: whether it is plausible is the drill record's business


class Scenario(models.TextChoices):
    FIRE = "fire", _("Fire")
    EARTHQUAKE = "earthquake", _("Earthquake")
    NETWORK = "network", _("Network-security incident")
    POWER = "power", _("Power outage")
    MEDICAL = "medical", _("Medical emergency")
    OTHER = "other", _("Other")


class TeamRole(models.TextChoices):
    COMMANDER = "commander", _("Commander")
    DEPUTY_COMMANDER = "deputy_commander", _("Deputy commander")
    EVACUATION = "evacuation", _("Evacuation")
    FIRE_FIGHTING = "fire_fighting", _("Fire fighting")
    FIRST_AID = "first_aid", _("First aid")
    COMMUNICATIONS = "communications", _("Communications")
    IT_RESPONSE = "it_response", _("IT response")
    LOGISTICS = "logistics", _("Logistics")
    EVERYONE = "everyone", _("All staff")


class ContingencyPlan(BilingualNameMixin, BaseModel):
    """One scenario's plan (R5.1.1). Its content is a controlled document (``documents.Document``, category
    "contingency plan"): versions, approval by management and supersession come from document control;
    the plan's steps (:class:`PlanStep`) belong to each document version."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    scenario = models.CharField(_("scenario"), max_length=20, choices=Scenario.choices)
    drill_interval_months = models.PositiveSmallIntegerField(
        _("drill at least every (months)"),
        default=DEFAULT_DRILL_INTERVAL_MONTHS,
        validators=interval_validators(MAX_INTERVAL_MONTHS),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    document = models.OneToOneField(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contingency_plan",
        verbose_name=_("controlled document"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["scenario", "name", "id"]
        constraints = [
            range_constraint("drill_interval_months", 1, MAX_INTERVAL_MONTHS, "plan_drill_interval_in_range"),
        ]
        verbose_name = _("contingency plan")
        verbose_name_plural = _("contingency plans")

    def get_absolute_url(self):
        return reverse("emergency:plan_detail", args=[self.pk])


class PlanStep(models.Model):
    """One step of a plan version: who does what. The version is a controlled document version."""

    version = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.CASCADE, related_name="plan_steps", verbose_name=_("version")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    role = models.CharField(_("team role"), max_length=30, choices=TeamRole.choices, default=TeamRole.EVERYONE)
    text = models.TextField(_("step (English)"))
    text_zh = models.TextField(_("step (Chinese)"), blank=True)

    class Meta:
        ordering = ["version", "order", "id"]
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")

    def __str__(self):
        return f"{self.order}. {self.display_text}"

    @property
    def display_text(self):
        return pick_language(self.text, self.text_zh)


class TeamMember(BaseModel):
    """A member of the emergency response team (应急救援队伍), with their deputy."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_roles", verbose_name=_("member")
    )
    team_role = models.CharField(_("team role"), max_length=30, choices=TeamRole.choices)
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputising_roles",
        verbose_name=_("deputy"),
    )
    phone = models.CharField(_("emergency phone"), max_length=40, blank=True)
    site = models.ForeignKey(
        "organization.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("site")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["team_role", "person__full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "team_role"], name="team_member_unique_role")]
        verbose_name = _("response team member")
        verbose_name_plural = _("response team members")

    def __str__(self):
        return f"{self.get_team_role_display()}: {self.person}"

    def get_absolute_url(self):
        return reverse("emergency:team")

    @property
    def contact_phone(self):
        return self.phone or self.person.phone


class Drill(BaseModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class Rating(models.TextChoices):
        GOOD = "good", _("Good")
        ADEQUATE = "adequate", _("Adequate")
        POOR = "poor", _("Needs improvement")

    plan = models.ForeignKey(ContingencyPlan, on_delete=models.PROTECT, related_name="drills", verbose_name=_("plan"))
    plan_version = models.ForeignKey(
        "documents.DocumentVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("plan version"),
    )
    site = models.ForeignKey("organization.Site", on_delete=models.PROTECT, related_name="+", verbose_name=_("site"))
    planned_at = models.DateTimeField(_("planned for"), db_index=True)
    scope = models.TextField(_("scope"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="DrillParticipant", related_name="drills", verbose_name=_("participants")
    )
    started_at = models.DateTimeField(_("actual start"), null=True, blank=True)
    ended_at = models.DateTimeField(_("actual end"), null=True, blank=True)
    evacuation_seconds = models.PositiveIntegerField(
        _("evacuation time (seconds)"),
        null=True,
        blank=True,
        validators=interval_validators(MAX_EVACUATION_MINUTES * 60 + 59, minimum=0),
    )
    evaluation = models.TextField(_("evaluation"), blank=True)
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organiser"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["planned_at", "id"]
        verbose_name = _("drill")
        verbose_name_plural = _("drills")

    def __str__(self):
        return f"{self.plan} · {date_format(timezone.localtime(self.planned_at))}"

    def get_absolute_url(self):
        return reverse("emergency:drill_detail", args=[self.pk])

    @property
    def evacuation_display(self):
        if self.evacuation_seconds is None:
            return ""
        return f"{self.evacuation_seconds // 60}:{self.evacuation_seconds % 60:02d}"


class DrillParticipant(models.Model):
    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("drill"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["drill", "person__full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["drill", "person"], name="drill_participant_once")]
        verbose_name = _("drill participant")
        verbose_name_plural = _("drill participants")

    def __str__(self):
        return str(self.person)


class DrillProblem(BaseModel):
    """A problem found in a drill; it can be raised as a hazard (hazard number kept as the link)."""

    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="problems", verbose_name=_("drill"))
    description = models.TextField(_("problem"))
    area = models.ForeignKey(
        "organization.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("area")
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("found by")
    )

    class Meta:
        ordering = ["drill", "created_at", "id"]
        verbose_name = _("drill problem")
        verbose_name_plural = _("drill problems")

    def __str__(self):
        return self.description[:60]

    def get_absolute_url(self):
        return self.drill.get_absolute_url()
