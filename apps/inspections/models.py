"""Inspections (R7.1, R7.2), the equipment register (R3.1.1), high-power appliance approvals (R3.2.3)
and the visitor log (R3.4.4).

Checklist templates are versioned: a template row *is* one version; editing makes a new row with the
same ``code`` and ``version + 1``, and the old rows (and the inspections that used them) never change.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.bounds import MAX_INTERVAL_DAYS, YEAR_MAX, YEAR_MIN, interval_validators, range_constraint, validate_year
from apps.core.i18n import pick_language
from apps.core.models import BaseModel, BilingualNameMixin


class ClauseGroup(models.TextChoices):
    """The six groups of R7.2; the coverage report is drawn per group."""

    RULES = "rules", _("Rule compliance")
    FIRE = "fire", _("Fire (R3.1)")
    ELECTRICAL = "electrical", _("Electrical (R3.2)")
    NETWORK = "network", _("Network (R3.3)")
    PREMISES = "premises", _("Premises and personnel (R3.4)")
    INFOSEC = "infosec", _("Information security (R4)")


class ChecklistTemplate(BilingualNameMixin, BaseModel):
    """One version of a checklist template (检查表)."""

    code = models.SlugField(_("code"), max_length=60, help_text=_("Shared by every version of this template."))
    version = models.PositiveIntegerField(_("version"), default=1)
    group = models.CharField(_("clause group"), max_length=20, choices=ClauseGroup.choices)
    description = models.TextField(_("description"), blank=True)
    is_current = models.BooleanField(_("current version"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["group", "code", "-version", "id"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="checklist_template_unique_version"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(is_current=True), name="checklist_template_one_current_version"
            ),
        ]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")

    def __str__(self):
        return f"{self.display_name} (v{self.version})"

    def get_absolute_url(self):
        return reverse("inspections:template_detail", args=[self.pk])


class TemplateSection(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.CASCADE, related_name="sections", verbose_name=_("template")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.CharField(_("section (English)"), max_length=200)
    name_zh = models.CharField(_("section (Chinese)"), max_length=200, blank=True)

    class Meta:
        ordering = ["template", "position", "id"]
        verbose_name = _("template section")
        verbose_name_plural = _("template sections")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return pick_language(self.name, self.name_zh)


class TemplateItem(models.Model):
    """One line of a checklist: what to look at, how to judge it, and the clause it proves."""

    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.CASCADE, related_name="items", verbose_name=_("template")
    )
    section = models.ForeignKey(
        TemplateSection, on_delete=models.CASCADE, related_name="items", verbose_name=_("section")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("item (English)"), max_length=300)
    text_zh = models.CharField(_("item (Chinese)"), max_length=300, blank=True)
    guidance = models.TextField(_("guidance (English)"), blank=True)
    guidance_zh = models.TextField(_("guidance (Chinese)"), blank=True)
    clause = models.CharField(_("clause"), max_length=30, blank=True, help_text=_("e.g. R3.1.2"))
    # The clause as a real relation (the regulation map reads it); set from ``clause`` when the item is
    # written, and kept when a new edition of the regulation is loaded (clauses keep their ids).
    regulation_clause = models.ForeignKey(
        "regulation.Clause",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checklist_items",
        verbose_name=_("regulation clause"),
    )

    class Meta:
        ordering = ["template", "section__position", "position", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return self.display_text

    @property
    def display_text(self):
        return pick_language(self.text, self.text_zh)

    @property
    def display_guidance(self):
        return pick_language(self.guidance, self.guidance_zh)


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")
    CUSTOM = "custom", _("Every N days")


class InspectorRole(models.TextChoices):
    """An inspector named by role instead of by person; resolved (head) or claimed (officer) later."""

    DEPARTMENT_HEAD = "department_head", _("Head of the scoped department")
    SAFETY_OFFICER = "safety_officer", _("Safety officer (any)")


class InspectionPlan(BaseModel):
    """The annual inspection plan (年度安全检查计划, R7.1); approved by management."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    year = models.PositiveIntegerField(_("year"), unique=True, validators=[validate_year])
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    generated_at = models.DateTimeField(_("schedule generated at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "id"]
        constraints = [range_constraint("year", YEAR_MIN, YEAR_MAX, "inspection_plan_year_in_range")]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")

    def __str__(self):
        return f"{self.year} · {self.title}"

    def get_absolute_url(self):
        return reverse("inspections:plan_detail", args=[self.pk])


class PlanLine(BaseModel):
    """What is inspected, with which checklist, how often and by whom. Scope: one area, site or department."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="lines", verbose_name=_("plan"))
    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("checklist template")
    )
    area = models.ForeignKey(
        "organization.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    site = models.ForeignKey(
        "organization.Site", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    department = models.ForeignKey(
        "organization.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    interval_days = models.PositiveIntegerField(
        _("every N days"), null=True, blank=True, validators=interval_validators(MAX_INTERVAL_DAYS)
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("inspector"),
    )
    inspector_role = models.CharField(_("inspector (role)"), max_length=30, choices=InspectorRole.choices, blank=True)

    class Meta:
        ordering = ["plan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(inspector__isnull=False, inspector_role="") | (Q(inspector__isnull=True) & ~Q(inspector_role=""))
                ),
                name="plan_line_inspector_person_or_role",
            ),
            models.CheckConstraint(
                condition=(
                    Q(area__isnull=False, site__isnull=True, department__isnull=True)
                    | Q(area__isnull=True, site__isnull=False, department__isnull=True)
                    | Q(area__isnull=True, site__isnull=True, department__isnull=False)
                ),
                name="plan_line_exactly_one_scope",
            ),
            models.CheckConstraint(
                condition=~Q(frequency="custom") | Q(interval_days__gte=1), name="plan_line_custom_needs_interval"
            ),
            range_constraint("interval_days", 1, MAX_INTERVAL_DAYS, "plan_line_interval_at_most_ten_years"),
        ]
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")

    def __str__(self):
        return f"{self.template.display_name} · {self.scope}"

    @property
    def scope(self):
        return self.area or self.site or self.department

    @property
    def scope_department(self):
        """The department a "head of the scoped department" line points at (an area's responsible one)."""
        if self.department_id:
            return self.department
        if self.area_id:
            return self.area.department
        return None

    @property
    def assignee_display(self):
        return self.inspector or self.get_inspector_role_display()

    def get_absolute_url(self):
        return self.plan.get_absolute_url()


class Inspection(BaseModel):
    """One scheduled (or ad-hoc) inspection, executed against one template version."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        IN_PROGRESS = "in_progress", _("In progress")
        FINISHED = "finished", _("Finished")

    plan_line = models.ForeignKey(
        PlanLine,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("plan line"),
    )
    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("checklist version")
    )
    area = models.ForeignKey(
        "organization.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    site = models.ForeignKey(
        "organization.Site", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    department = models.ForeignKey(
        "organization.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("inspector"),
        help_text=_("Empty while the inspection is assigned to a role; whoever starts it becomes the inspector."),
    )
    inspector_role = models.CharField(_("assigned to role"), max_length=30, choices=InspectorRole.choices, blank=True)
    due_date = models.DateField(_("due date"), db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    signature_name = models.CharField(_("signed by (name)"), max_length=150, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_line", "due_date"],
                condition=Q(plan_line__isnull=False),
                name="inspection_once_per_plan_line_and_date",
            ),
            models.CheckConstraint(
                condition=Q(inspector__isnull=False) | ~Q(inspector_role=""),
                name="inspection_has_inspector_or_role",
            ),
            models.CheckConstraint(
                condition=Q(status="scheduled") | Q(inspector__isnull=False),
                name="inspection_started_has_inspector",
            ),
        ]
        indexes = [models.Index(fields=["inspector", "status", "due_date"])]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self):
        return f"#{self.pk} {self.template.display_name} · {self.scope}"

    def get_absolute_url(self):
        return reverse("inspections:inspection_detail", args=[self.pk])

    @property
    def scope(self):
        return self.area or self.site or self.department

    @property
    def assignee_display(self):
        """The inspector, or the role the inspection waits on until someone starts it."""
        return self.inspector or self.get_inspector_role_display()

    @property
    def is_unclaimed(self):
        return self.inspector_id is None

    @property
    def is_finished(self):
        return self.status == self.Status.FINISHED

    @property
    def is_overdue(self):
        return not self.is_finished and self.due_date < timezone.localdate()


class InspectionResult(models.Model):
    """The answer to one checklist item in one inspection."""

    class Outcome(models.TextChoices):
        PASS = "pass", _("Pass")
        FAIL = "fail", _("Fail")
        NA = "na", _("Not applicable")

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="results", verbose_name=_("inspection")
    )
    item = models.ForeignKey(TemplateItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    outcome = models.CharField(_("result"), max_length=10, choices=Outcome.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    hazard = models.ForeignKey(
        "hazards.Hazard",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hazard"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["inspection", "item__section__position", "item__position", "id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "item"], name="inspection_result_once_per_item")]
        verbose_name = _("inspection result")
        verbose_name_plural = _("inspection results")

    def __str__(self):
        return f"{self.item} · {self.get_outcome_display() or '—'}"

    def get_absolute_url(self):
        return self.inspection.get_absolute_url() + f"#item-{self.item_id}"


class Equipment(BaseModel):
    """A piece of safety equipment in the register (R3.1.1, R5.1.4), with a printable QR label."""

    class Kind(models.TextChoices):
        EXTINGUISHER = "extinguisher", _("Fire extinguisher")
        HYDRANT = "hydrant", _("Fire hydrant")
        EMERGENCY_LIGHT = "emergency_light", _("Emergency lighting")
        EXIT_SIGN = "exit_sign", _("Exit sign")
        SMOKE_DETECTOR = "smoke_detector", _("Smoke detector")
        FIRST_AID_KIT = "first_aid_kit", _("First-aid kit")
        ELECTRICAL_PANEL = "electrical_panel", _("Electrical panel")
        AED = "aed", _("Defibrillator (AED)")
        OTHER = "other", _("Other")

    code = models.SlugField(_("asset tag"), max_length=40, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    area = models.ForeignKey(
        "organization.Area", on_delete=models.PROTECT, related_name="equipment", verbose_name=_("location")
    )
    location_note = models.CharField(_("exact spot"), max_length=200, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    check_interval_days = models.PositiveIntegerField(
        _("check every (days)"), default=30, validators=interval_validators(MAX_INTERVAL_DAYS)
    )
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    next_check_due = models.DateField(_("next check due"), db_index=True)
    expires_on = models.DateField(_("expiry date"), null=True, blank=True, db_index=True)
    is_active = models.BooleanField(_("in service"), default=True)

    class Meta:
        ordering = ["code", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(check_interval_days__gte=1), name="equipment_interval_positive"),
            range_constraint("check_interval_days", 1, MAX_INTERVAL_DAYS, "equipment_interval_at_most_ten_years"),
        ]
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")

    def __str__(self):
        return f"{self.code} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("equipment:equipment_detail", args=[self.pk])

    def check_url(self):
        return reverse("equipment:equipment_check", args=[self.pk])

    @property
    def is_due(self):
        return self.next_check_due <= timezone.localdate()

    @property
    def is_expired(self):
        return self.expires_on is not None and self.expires_on <= timezone.localdate()


class EquipmentCheck(BaseModel):
    class Outcome(models.TextChoices):
        PASS = "pass", _("Pass")
        FAIL = "fail", _("Fail")

    equipment = models.ForeignKey(
        Equipment, on_delete=models.CASCADE, related_name="checks", verbose_name=_("equipment")
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("checked by")
    )
    outcome = models.CharField(_("result"), max_length=10, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    hazard = models.ForeignKey(
        "hazards.Hazard", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("hazard")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("equipment check")
        verbose_name_plural = _("equipment checks")

    def __str__(self):
        return f"{self.equipment.code} · {self.get_outcome_display()}"

    def get_absolute_url(self):
        return self.equipment.get_absolute_url()


class ApplianceRequest(BaseModel):
    """A request to use a high-power appliance (大功率电器, R3.2.3), decided by a safety officer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    appliance = models.CharField(_("appliance"), max_length=200)
    power_watts = models.PositiveIntegerField(_("power (W)"))
    area = models.ForeignKey(
        "organization.Area", on_delete=models.PROTECT, related_name="appliance_requests", verbose_name=_("area")
    )
    purpose = models.TextField(_("purpose"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("high-power appliance request")
        verbose_name_plural = _("high-power appliance requests")

    def __str__(self):
        return f"{self.appliance} ({self.power_watts} W)"

    def get_absolute_url(self):
        return reverse("appliances:appliance_detail", args=[self.pk])


class Visit(BaseModel):
    """One visitor's stay (R3.4.4): both times are kept; an open visit has no sign-out time."""

    visitor_name = models.CharField(_("visitor"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hosted_visits", verbose_name=_("host")
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    area = models.ForeignKey(
        "organization.Area", on_delete=models.PROTECT, related_name="visits", verbose_name=_("area allowed")
    )
    badge_number = models.CharField(_("badge number"), max_length=40)
    signed_in_at = models.DateTimeField(_("signed in at"), default=timezone.now)
    signed_out_at = models.DateTimeField(_("signed out at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    signed_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signed out by"),
    )

    class Meta:
        ordering = ["-signed_in_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["badge_number"], condition=Q(signed_out_at__isnull=True), name="visit_badge_once_on_site"
            ),
            models.CheckConstraint(
                condition=Q(signed_out_at__isnull=True) | Q(signed_out_at__gte=models.F("signed_in_at")),
                name="visit_out_after_in",
            ),
        ]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self):
        return f"{self.visitor_name} ({self.badge_number})"

    def get_absolute_url(self):
        return reverse("visitors:visit_list") + f"#visit-{self.pk}"

    @property
    def on_site(self):
        return self.signed_out_at is None


def end_of_month(year, month) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)
