"""Incidents and accidents (事故): report, response, external report, investigation, CAPA (R5.2)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.bounds import MAX_INTERVAL_DAYS, interval_validators
from apps.core.models import BaseModel


class Incident(BaseModel):
    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        INVESTIGATING = "investigating", _("Under investigation")
        ACTIONS = "actions", _("Actions in progress")
        CLOSED = "closed", _("Closed")

    class Type(models.TextChoices):
        FIRE = "fire", _("Fire")
        ELECTRICAL = "electrical", _("Electrical")
        INJURY = "injury", _("Injury")
        NEAR_MISS = "near_miss", _("Near miss")
        NETWORK = "network", _("Network-security incident")
        DATA_LEAK = "data_leak", _("Data leak")
        PROPERTY = "property", _("Property damage")
        OTHER = "other", _("Other")

    class Severity(models.TextChoices):
        MINOR = "minor", _("Minor")
        MODERATE = "moderate", _("Moderate")
        SERIOUS = "serious", _("Serious")
        MAJOR = "major", _("Major")

    class CauseMethod(models.TextChoices):
        FIVE_WHYS = "five_whys", _("5 whys")
        CATEGORIES = "categories", _("Cause categories")

    class CauseCategory(models.TextChoices):
        PEOPLE = "people", _("People")
        EQUIPMENT = "equipment", _("Equipment")
        ENVIRONMENT = "environment", _("Environment")
        MANAGEMENT = "management", _("Management")

    number = models.CharField(_("number"), max_length=20, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REPORTED)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    severity = models.CharField(_("severity"), max_length=20, choices=Severity.choices, default=Severity.MINOR)
    occurred_at = models.DateTimeField(_("when it happened"), db_index=True)
    area = models.ForeignKey(
        "organization.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    location_detail = models.CharField(_("exact spot"), max_length=200, blank=True)
    description = models.TextField(_("what happened"))
    immediate_actions = models.TextField(_("immediate actions taken"), blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reported_incidents",
        verbose_name=_("reporter"),
    )
    department = models.ForeignKey(
        "organization.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("department"),
    )
    # Response (R5.2.2)
    plan = models.ForeignKey(
        "emergency.ContingencyPlan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("contingency plan activated"),
    )
    plan_activated_at = models.DateTimeField(_("plan activated at"), null=True, blank=True)
    plan_activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("plan activated by"),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_incidents",
        verbose_name=_("investigation lead"),
    )
    # External report (R5.2.3)
    external_required = models.BooleanField(_("must be reported to the authority"), null=True, blank=True)
    external_due_at = models.DateTimeField(_("external report due"), null=True, blank=True)
    external_authority = models.CharField(_("reported to"), max_length=200, blank=True)
    external_reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    external_reference = models.CharField(_("reference number"), max_length=100, blank=True)
    # Investigation (R5.2.4)
    cause_method = models.CharField(_("root-cause method"), max_length=20, choices=CauseMethod.choices, blank=True)
    whys = models.JSONField(_("5 whys"), default=list, blank=True)
    cause_categories = models.JSONField(_("cause categories"), default=list, blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    contributing_factors = models.TextField(_("contributing factors"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self):
        return f"{self.number} · {self.get_type_display()}"

    def get_absolute_url(self):
        return reverse("incidents:incident_detail", args=[self.pk])

    @property
    def is_locked(self):
        return self.status == self.Status.CLOSED

    @property
    def is_open(self):
        return self.status != self.Status.CLOSED

    @property
    def cause_category_labels(self):
        labels = dict(self.CauseCategory.choices)
        return [labels.get(c, c) for c in self.cause_categories]


class InvolvedPerson(models.Model):
    class Role(models.TextChoices):
        INJURED = "injured", _("Injured")
        INVOLVED = "involved", _("Involved")
        WITNESS = "witness", _("Witness")

    class Treatment(models.TextChoices):
        NONE = "none", _("None")
        FIRST_AID = "first_aid", _("First aid only")
        MEDICAL = "medical", _("Medical treatment")
        HOSPITAL = "hospital", _("Hospitalised")
        FATAL = "fatal", _("Fatality")

    RECORDABLE_TREATMENTS = (Treatment.MEDICAL, Treatment.HOSPITAL, Treatment.FATAL)

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="people", verbose_name=_("incident"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incident_involvements",
        verbose_name=_("employee"),
    )
    name = models.CharField(_("name (if not an employee)"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.INJURED)
    injury_nature = models.CharField(_("nature of injury"), max_length=200, blank=True)
    body_part = models.CharField(_("body part"), max_length=100, blank=True)
    treatment = models.CharField(_("treatment"), max_length=20, choices=Treatment.choices, default=Treatment.NONE)
    lost_work_days = models.PositiveIntegerField(
        _("lost work days"), default=0, validators=interval_validators(MAX_INTERVAL_DAYS, minimum=0)
    )

    class Meta:
        ordering = ["incident", "id"]
        verbose_name = _("person involved")
        verbose_name_plural = _("people involved")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return str(self.person) if self.person_id else self.name

    @property
    def is_lost_time(self):
        return self.lost_work_days > 0 or self.treatment == self.Treatment.FATAL

    @property
    def is_recordable(self):
        return self.is_lost_time or self.treatment in self.RECORDABLE_TREATMENTS


class IncidentEvent(models.Model):
    """One line of the investigation's timeline of events (what happened when)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events", verbose_name=_("incident"))
    happened_at = models.DateTimeField(_("time"))
    description = models.CharField(_("event"), max_length=500)

    class Meta:
        ordering = ["incident", "happened_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.description


class CorrectiveAction(BaseModel):
    """A corrective or preventive action (CAPA); closed only after a later effectiveness check."""

    class Kind(models.TextChoices):
        CORRECTIVE = "corrective", _("Corrective")
        PREVENTIVE = "preventive", _("Preventive")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done, awaiting effectiveness check")
        CLOSED = "closed", _("Closed (effective)")
        HAZARD = "hazard", _("Raised as a hazard")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="actions", verbose_name=_("incident"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTIVE)
    description = models.TextField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="incident_actions", verbose_name=_("owner")
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_at = models.DateTimeField(_("done at"), null=True, blank=True)
    # Who marked it done (the owner, or an officer on their behalf): they may not check its effectiveness.
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("done by"),
    )
    evidence = models.TextField(_("evidence"), blank=True)
    check_due = models.DateField(_("effectiveness check on"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked by"),
    )
    check_note = models.TextField(_("effectiveness check"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["incident", "due_date", "id"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return self.incident.get_absolute_url() + f"#action-{self.pk}"

    @property
    def counts_as_closed(self):
        return self.status in (self.Status.CLOSED, self.Status.HAZARD)


class HoursWorked(BaseModel):
    """Hours worked company-wide in one month: the denominator of LTIFR and TRIR."""

    month = models.DateField(_("month"), unique=True, help_text=_("first day of the month"))
    hours = models.DecimalField(_("hours worked"), max_digits=12, decimal_places=1)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("entered by")
    )

    class Meta:
        ordering = ["-month"]
        constraints = [models.CheckConstraint(condition=models.Q(hours__gte=0), name="hours_worked_not_negative")]
        verbose_name = _("hours worked")
        verbose_name_plural = _("hours worked")

    def __str__(self):
        return f"{date_format(self.month, 'YEAR_MONTH_FORMAT')}: {self.hours}"


class CaseStudy(BaseModel):
    """An anonymised account of a closed incident, published for training (R6.3.4)."""

    incident = models.OneToOneField(
        Incident, on_delete=models.CASCADE, related_name="case_study", verbose_name=_("incident")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what happened"))
    causes = models.TextField(_("causes"), blank=True)
    actions = models.TextField(_("what was done"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    incident_type = models.CharField(_("type"), max_length=20, choices=Incident.Type.choices)
    incident_month = models.DateField(_("month"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("published by")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("incidents:case_study_detail", args=[self.pk])
