"""Responsibilities (安全管理职责, docs/regulation.md R2): annual objectives with live progress, the
safety budget, the annual work plan, safety meetings with their action items, and responsibility
statements (安全责任书). Every status changes only through a declared move (``workflow.py``)."""

import calendar
import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel

USER = settings.AUTH_USER_MODEL


def _zh():
    return (get_language() or "en").lower().startswith("zh")


class BilingualTitleMixin(models.Model):
    """A title kept in English and Chinese; ``display_title`` is the one for the reader's language."""

    title = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title_zh if _zh() and self.title_zh else self.title


class ApprovalStatus(models.TextChoices):
    """Objectives, budgets and work plans: prepared, submitted, approved by management (R2.1.2)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")


class ApprovalMixin(models.Model):
    """Who submitted (proposed) and who approved, and when: the proposer does not approve."""

    Status = ApprovalStatus

    status = models.CharField(_("status"), max_length=20, choices=ApprovalStatus.choices, default=ApprovalStatus.DRAFT)
    created_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("prepared by"), null=True, blank=True
    )
    submitted_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("approved by"), null=True, blank=True
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_draft(self):
        return self.status == ApprovalStatus.DRAFT

    @property
    def is_approved(self):
        return self.status == ApprovalStatus.APPROVED


# ---------------------------------------------------------------------------------------------- objectives


class Objective(BilingualTitleMixin, ApprovalMixin, BaseModel):
    """An annual safety objective (R2.1.1) of the company or, broken down, of one department."""

    class Direction(models.TextChoices):
        AT_MOST = "at_most", "≤"
        AT_LEAST = "at_least", "≥"

    class Progress(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        AT_RISK = "at_risk", _("At risk")
        MISSED = "missed", _("Missed")
        NO_DATA = "no_data", _("No figure yet")

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("company objective"),
    )  # fmt: skip
    department = models.ForeignKey(
        "organization.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("department"), help_text=_("Empty for a company objective."),
    )  # fmt: skip
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner"))
    metric = models.CharField(
        _("measured by"), max_length=80, blank=True,
        help_text=_("A figure another module measures; empty when the figure is entered by hand."),
    )  # fmt: skip
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    clause_ref = models.CharField(_("regulation clause"), max_length=20, blank=True, help_text=_("e.g. R2.1.1"))

    class Meta:
        ordering = ["year", "department__name", "id"]
        verbose_name = _("safety objective")
        verbose_name_plural = _("safety objectives")
        indexes = [models.Index(fields=["year", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | Q(department__isnull=False), name="objective_child_has_department"
            )
        ]

    def get_absolute_url(self):
        return reverse("responsibilities:objective_detail", args=[self.pk])

    @property
    def number(self):
        return f"{self.year} · {self.display_title}"

    @property
    def is_live(self):
        return bool(self.metric)


class ObjectiveFigure(BaseModel):
    """A dated figure entered by hand, for an objective no module measures."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="figures")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self):
        return f"{self.date}: {self.value}"


# ---------------------------------------------------------------------------------------------- budget


class Budget(ApprovalMixin, BaseModel):
    """The safety budget of a year (R2.1.2): line items requested, approved by management."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("safety budget")
        verbose_name_plural = _("safety budgets")

    def __str__(self):
        return str(_("Safety budget %(year)s") % {"year": self.year})

    def get_absolute_url(self):
        return reverse("responsibilities:budget_detail", args=[self.pk])

    @property
    def number(self):
        return str(self)


class BudgetLine(BaseModel):
    class Category(models.TextChoices):
        EQUIPMENT = "equipment", _("Safety equipment")
        TRAINING = "training", _("Training")
        INSPECTION = "inspection", _("Inspections and testing")
        EMERGENCY = "emergency", _("Emergency supplies")
        PPE = "ppe", _("Protective equipment")
        OTHER = "other", _("Other")

    WARN_PERCENT = 90

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budget"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.CharField(_("description"), max_length=300)
    amount_requested = models.DecimalField(_("requested (CNY)"), max_digits=12, decimal_places=2)
    amount_approved = models.DecimalField(_("approved (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["budget", "category", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=Q(amount_requested__gte=0), name="budget_line_requested_not_negative")
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.description}"

    def get_absolute_url(self):
        return self.budget.get_absolute_url() + f"#line-{self.pk}"


class Spending(BaseModel):
    """Money spent against a budget line. Past the approved amount it waits for management's recorded
    override and does not count as spent until then. It may fund a record of another module (a major
    hazard's rectification, R7.3 五定 "funds"): ``source`` points at it without this app importing it."""

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        AWAITING_OVERRIDE = "awaiting_override", _("Over budget: awaiting management")
        REJECTED = "rejected", _("Refused")

    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="spendings", verbose_name=_("line"))
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (CNY)"), max_digits=12, decimal_places=2)
    description = models.CharField(_("description"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECORDED)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("for")
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        indexes = [models.Index(fields=["source_type", "source_id"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="spending_amount_positive"),
            models.CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="spending_source_complete",
            ),
        ]

    def __str__(self):
        return f"{self.date} · {self.amount} · {self.description}"

    def get_absolute_url(self):
        return reverse("responsibilities:spending_detail", args=[self.pk])

    @property
    def number(self):
        return str(_("Spending %(date)s, %(amount)s CNY") % {"date": self.date.isoformat(), "amount": self.amount})


# ---------------------------------------------------------------------------------------------- work plan


class WorkPlan(ApprovalMixin, BaseModel):
    """The annual safety work plan (R2.2.2): tasks by month, approved by management."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("safety work plan")
        verbose_name_plural = _("safety work plans")

    def __str__(self):
        return str(_("Safety work plan %(year)s") % {"year": self.year})

    def get_absolute_url(self):
        return reverse("responsibilities:plan_detail", args=[self.pk])

    @property
    def number(self):
        return str(self)


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


class Task(BilingualTitleMixin, BaseModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("work plan"))
    month = models.PositiveSmallIntegerField(_("month"))
    due_date = models.DateField(_("due date"))
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner"))
    department = models.ForeignKey(
        "organization.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("department"),
    )  # fmt: skip
    clause_ref = models.CharField(_("regulation clause"), max_length=20, blank=True, help_text=_("e.g. R3.1.4"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("done by")
    )
    outcome = models.TextField(_("outcome"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        ordering = ["plan", "month", "due_date", "id"]
        verbose_name = _("work plan task")
        verbose_name_plural = _("work plan tasks")
        indexes = [models.Index(fields=["status", "due_date"]), models.Index(fields=["owner", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="task_month_1_to_12"),
        ]

    def get_absolute_url(self):
        return reverse("responsibilities:task_detail", args=[self.pk])

    @property
    def number(self):
        return self.display_title

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.due_date < timezone.localdate()


# ---------------------------------------------------------------------------------------------- meetings


class Meeting(BilingualTitleMixin, BaseModel):
    """A safety meeting (R2.1.3): invited people with attendance, agenda, minutes and decisions."""

    class Type(models.TextChoices):
        MANAGEMENT = "management", _("Management safety meeting")
        COMMITTEE = "committee", _("Safety committee")
        DEPARTMENT = "department", _("Department safety meeting")
        SPECIAL = "special", _("Special safety meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held, minutes recorded")
        CANCELLED = "cancelled", _("Cancelled")

    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    area = models.ForeignKey(
        "organization.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    location_detail = models.CharField(_("place details"), max_length=200, blank=True)
    chair = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("chair"))
    department = models.ForeignKey(
        "organization.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("department"), help_text=_("For a department meeting."),
    )  # fmt: skip
    organiser = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("organised by"))
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("minutes by")
    )
    minutes_at = models.DateTimeField(_("minutes recorded at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("safety meeting")
        verbose_name_plural = _("safety meetings")

    def get_absolute_url(self):
        return reverse("responsibilities:meeting_detail", args=[self.pk])

    @property
    def number(self):
        return f"{timezone.localtime(self.starts_at):%Y-%m-%d} {self.display_title}"

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def place(self):
        parts = [self.area.full_name] if self.area_id else []
        if self.location_detail:
            parts.append(self.location_detail)
        return " · ".join(parts)

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED, self.Status.HELD)


class Invitation(models.Model):
    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("Not recorded")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        DELEGATE = "delegate", _("Sent a delegate")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="meeting_invitations", verbose_name=_("person")
    )
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    absence_reason = models.CharField(_("reason for absence"), max_length=300, blank=True)
    delegate = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("delegate")
    )

    class Meta:
        ordering = ["meeting", "person__full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="invitation_once_per_person")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.person} · {self.get_attendance_display()}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("item"), max_length=300)
    presenter = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("reported by")
    )
    notes = models.TextField(_("report heard"), blank=True)

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("decision"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:80]


class Action(BaseModel):
    """An action item: a decision of a meeting that someone must carry out by a date."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions", verbose_name=_("meeting"))
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="meeting_actions", verbose_name=_("owner"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    done_note = models.TextField(_("what was done"), blank=True)
    done_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("done by")
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["status", "due_date"]), models.Index(fields=["owner", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("responsibilities:action_detail", args=[self.pk])

    @property
    def number(self):
        return self.title[:60]

    @property
    def is_overdue(self):
        return self.status == self.Status.OPEN and self.due_date < timezone.localdate()


# ---------------------------------------------------------------------------------------------- statements


class StatementLevel(models.TextChoices):
    """Who signs with whom (R2.3.1): management with the department heads; heads with their employees."""

    HEAD = "head", _("Department head (with management)")
    EMPLOYEE = "employee", _("Employee (with the department head)")


class StatementTemplate(BilingualTitleMixin, BaseModel):
    """The text of a year's responsibility statement for one level (optionally one post), in both
    languages, with placeholders {name}, {department}, {post}, {year} and {duties}."""

    PLACEHOLDERS = ("name", "department", "post", "year", "duties")

    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=20, choices=StatementLevel.choices)
    post = models.ForeignKey(
        "organization.Post", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("post"), help_text=_("Empty: everyone of this level without a template for their post."),
    )  # fmt: skip
    body = models.TextField(_("text (English)"))
    body_zh = models.TextField(_("text (Chinese)"))
    duties = models.TextField(_("duties (English)"))
    duties_zh = models.TextField(_("duties (Chinese)"))

    class Meta:
        ordering = ["-year", "level", "post__name", "id"]
        verbose_name = _("statement template")
        verbose_name_plural = _("statement templates")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "level"], condition=Q(post__isnull=True), name="statement_template_one_default"
            ),
            models.UniqueConstraint(
                fields=["year", "level", "post"],
                condition=Q(post__isnull=False),
                name="statement_template_one_per_post",
            ),
        ]

    def get_absolute_url(self):
        return reverse("responsibilities:template_edit", args=[self.pk])


class StatementRound(models.Model):
    """A year's statements were issued (who, when): later joiners get theirs through the hire hook."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    issued_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("statement round")
        verbose_name_plural = _("statement rounds")

    def __str__(self):
        return str(self.year)


class Statement(BaseModel):
    """One person's responsibility statement of a year: the text as issued (both languages), the
    person's signature and the counter-party's countersignature, each with a typed name and a time.
    Signed, it never changes."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Waiting for signature")
        SIGNED = "signed", _("Signed, waiting for countersignature")
        COUNTERSIGNED = "countersigned", _("Signed by both")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    Level = StatementLevel

    year = models.PositiveSmallIntegerField(_("year"))
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="statements", verbose_name=_("person"))
    level = models.CharField(_("level"), max_length=20, choices=StatementLevel.choices)
    template = models.ForeignKey(
        StatementTemplate, on_delete=models.PROTECT, related_name="statements", verbose_name=_("template")
    )
    department = models.ForeignKey(
        "organization.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("department"),
    )  # fmt: skip
    title = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    text = models.TextField(_("text (English)"))
    text_zh = models.TextField(_("text (Chinese)"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ISSUED)
    signed_name = models.CharField(_("signed as"), max_length=150, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    countersigned_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("countersigned by")
    )
    countersigned_name = models.CharField(_("countersigned as"), max_length=150, blank=True)
    countersigned_at = models.DateTimeField(_("countersigned at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "department__name", "person__full_name", "id"]
        verbose_name = _("responsibility statement")
        verbose_name_plural = _("responsibility statements")
        constraints = [models.UniqueConstraint(fields=["year", "person"], name="statement_once_per_person_and_year")]
        indexes = [models.Index(fields=["year", "status"]), models.Index(fields=["year", "department", "status"])]

    def __str__(self):
        return f"{self.display_title} · {self.person}"

    def get_absolute_url(self):
        return reverse("responsibilities:statement_detail", args=[self.pk])

    @property
    def display_title(self):
        return self.title_zh if _zh() and self.title_zh else self.title

    @property
    def display_text(self):
        return self.text_zh if _zh() and self.text_zh else self.text

    @property
    def number(self):
        return str(_("Statement %(year)s of %(person)s") % {"year": self.year, "person": self.person})

    @property
    def is_signed(self):
        return self.status in (self.Status.SIGNED, self.Status.COUNTERSIGNED)
