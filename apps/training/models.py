"""Training (R6): courses, question banks, exams, requirements, assignments, sessions, plan, records.

A passed course is a :class:`Completion` (training record, with its certificate code). People get
courses through :class:`Assignment` rows, created by :class:`Requirement` rules (on hire, on joining a
post, periodically) or by hand. Exams draw questions from the course's bank into an
:class:`ExamAttempt`; the answer key stays in :class:`Option` and is read only by the scoring service.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from apps.core.bounds import (
    MAX_INTERVAL_DAYS,
    MAX_INTERVAL_MONTHS,
    YEAR_MAX,
    YEAR_MIN,
    interval_validators,
    range_constraint,
    validate_year,
)
from apps.core.i18n import pick_language
from apps.core.models import BaseModel, BilingualNameMixin

MAX_COURSE_MINUTES = 7 * 24 * 60  # a week of training is one course too many


def new_certificate_code():
    return secrets.token_hex(6).upper()


class Course(BilingualNameMixin, BaseModel):
    class Category(models.TextChoices):
        LAWS = "laws", _("Laws and standards")
        RULES = "rules", _("Company rules")
        PROCEDURES = "procedures", _("Operating procedures")
        AWARENESS = "awareness", _("Safety awareness")
        EMERGENCY = "emergency", _("Emergency skills")

    class Method(models.TextChoices):
        CLASSROOM = "classroom", _("Classroom")
        ONLINE = "online", _("Online self-study")
        DEMONSTRATION = "demonstration", _("On-site demonstration")
        CASE_STUDY = "case_study", _("Case study")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.ONLINE)
    description = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), default=60, validators=interval_validators(MAX_COURSE_MINUTES)
    )
    validity_months = models.PositiveIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: a pass never expires."),
        validators=interval_validators(MAX_INTERVAL_MONTHS),
    )
    is_active = models.BooleanField(_("active"), default=True)
    clauses = models.ManyToManyField(
        "regulation.Clause", blank=True, related_name="courses", verbose_name=_("clauses carried out")
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [range_constraint("validity_months", 1, MAX_INTERVAL_MONTHS, "course_validity_in_range")]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_absolute_url(self):
        return reverse("training:course_detail", args=[self.pk])

    @property
    def display_description(self):
        return pick_language(self.description, self.description_zh)


class Material(BaseModel):
    """Study material of a course: a link, a text, or a file (the file is a core attachment)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="materials", verbose_name=_("course"))
    title = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)
    text = models.TextField(_("text (English)"), blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["course", "position", "id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return pick_language(self.title, self.title_zh)

    @property
    def display_text(self):
        return pick_language(self.text, self.text_zh)

    def get_absolute_url(self):
        return self.course.get_absolute_url()


class Exam(BaseModel):
    """The optional exam of a course: how many questions, pass mark, time and attempt limits."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="exam", verbose_name=_("course"))
    question_count = models.PositiveIntegerField(_("questions per attempt"), default=10)
    pass_mark = models.PositiveIntegerField(_("pass mark (%)"), default=80)
    time_limit_minutes = models.PositiveIntegerField(_("time limit (minutes)"), default=20)
    max_attempts = models.PositiveIntegerField(_("attempt limit"), default=3, help_text=_("0: no limit."))
    show_wrong_questions = models.BooleanField(_("show wrong questions after submission"), default=True)
    show_correct_answers = models.BooleanField(_("show the correct answers after submission"), default=False)

    class Meta:
        ordering = ["course", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="exam_pass_mark_at_most_100"),
            models.CheckConstraint(condition=Q(question_count__gte=1), name="exam_at_least_one_question"),
        ]
        verbose_name = _("exam")
        verbose_name_plural = _("exams")

    def __str__(self):
        return str(self.course)

    def get_absolute_url(self):
        return self.course.get_absolute_url()


class Question(BaseModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True / false")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="questions", verbose_name=_("course"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("question (English)"))
    text_zh = models.TextField(_("question (Chinese)"), blank=True)
    explanation = models.TextField(_("explanation (English)"), blank=True)
    explanation_zh = models.TextField(_("explanation (Chinese)"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    # Editing never rewrites a question that attempts point at: it creates a new version and retires
    # this one, so past attempts keep the wording, answers and key they were scored against.
    previous_version = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
        verbose_name=_("previous version"),
    )

    class Meta:
        ordering = ["course", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.display_text[:80]

    @property
    def display_text(self):
        return pick_language(self.text, self.text_zh)

    @property
    def display_explanation(self):
        return pick_language(self.explanation, self.explanation_zh)

    def get_absolute_url(self):
        return reverse("training:question_list", args=[self.course_id])


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question"))
    text = models.CharField(_("answer (English)"), max_length=500)
    text_zh = models.CharField(_("answer (Chinese)"), max_length=500, blank=True)
    is_correct = models.BooleanField(_("correct"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["question", "position", "id"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")

    def __str__(self):
        return self.display_text

    @property
    def display_text(self):
        return pick_language(self.text, self.text_zh)


class Requirement(BaseModel):
    """A rule that assigns a course: on hire (induction), on joining a post, or to everyone in scope."""

    class Trigger(models.TextChoices):
        HIRE = "hire", _("On hire (induction)")
        POST = "post", _("On joining a post")
        PERIODIC = "periodic", _("Everyone in scope, renewed on expiry")

    class Audience(models.TextChoices):
        ALL = "all", _("All staff")
        DEPARTMENTS = "departments", _("Departments")
        POSTS = "posts", _("Posts")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("course"))
    trigger = models.CharField(_("when"), max_length=20, choices=Trigger.choices)
    audience = models.CharField(_("who"), max_length=20, choices=Audience.choices, default=Audience.ALL)
    departments = models.ManyToManyField(
        "organization.Department", blank=True, related_name="+", verbose_name=_("departments")
    )
    posts = models.ManyToManyField("organization.Post", blank=True, related_name="+", verbose_name=_("posts"))
    due_days = models.PositiveIntegerField(
        _("days to complete"), default=14, validators=interval_validators(MAX_INTERVAL_DAYS, minimum=0)
    )
    renew_lead_days = models.PositiveIntegerField(
        _("reassign days before expiry"),
        default=30,
        help_text=_("For courses with a validity period."),
        validators=interval_validators(MAX_INTERVAL_DAYS, minimum=0),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["course__name", "trigger", "id"]
        constraints = [
            range_constraint("due_days", 0, MAX_INTERVAL_DAYS, "requirement_due_days_in_range"),
            range_constraint("renew_lead_days", 0, MAX_INTERVAL_DAYS, "requirement_renew_lead_days_in_range"),
        ]
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")

    def __str__(self):
        return f"{self.course} · {self.get_trigger_display()}"

    def get_absolute_url(self):
        return reverse("training:requirement_list")

    def applies_to(self, person, department_ids=None, post_ids=None) -> bool:
        """Whether ``person`` is in scope (pass prefetched id sets to avoid queries)."""
        if self.audience == self.Audience.ALL:
            return True
        if self.audience == self.Audience.DEPARTMENTS:
            ids = department_ids if department_ids is not None else {d.pk for d in self.departments.all()}
            return person.department_id in ids
        ids = post_ids if post_ids is not None else {p.pk for p in self.posts.all()}
        return person.post_id in ids


class Assignment(BaseModel):
    """A course a person must complete by a date. Its status moves are declared in ``workflow.py``."""

    class Status(models.TextChoices):
        OPEN = "open", _("To do")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    class Reason(models.TextChoices):
        HIRE = "hire", _("Induction")
        POST = "post", _("Post change")
        PERIODIC = "periodic", _("Required for everyone in scope")
        RENEWAL = "renewal", _("Refresher (previous pass expires)")
        MANUAL = "manual", _("Assigned by hand")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_assignments",
        verbose_name=_("person"),
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("course"))
    requirement = models.ForeignKey(
        Requirement, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    due_date = models.DateField(_("due"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completion = models.ForeignKey(
        "training.Completion", null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments"
    )

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course"], condition=Q(status="open"), name="assignment_one_open_per_course"
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"])]
        verbose_name = _("training assignment")
        verbose_name_plural = _("training assignments")

    def __str__(self):
        return f"{self.course} → {self.person}"

    def get_absolute_url(self):
        return reverse("training:assignment_detail", args=[self.pk])

    @property
    def is_overdue(self):
        return self.status == self.Status.OPEN and self.due_date < timezone.localdate()


class TrainingSession(BaseModel):
    """A classroom session (or on-site demonstration) of a course."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course"))
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    area = models.ForeignKey(
        "organization.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("place")
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trained_sessions",
        verbose_name=_("trainer"),
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=20)

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self):
        return f"{self.course} · {date_format(timezone.localtime(self.starts_at), 'DATETIME_FORMAT')}"

    def get_absolute_url(self):
        return reverse("training:session_detail", args=[self.pk])


class Enrolment(BaseModel):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("session")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_enrolments", verbose_name=_("person")
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "person__full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="enrolment_once_per_session")]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self):
        return f"{self.person} @ {self.session}"


class ExamAttempt(BaseModel):
    """One try at a course's exam; it ends by the person's submit or when its time runs out (the moves
    of ``workflow.py``)."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    exam = models.ForeignKey(Exam, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("exam"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exam_attempts", verbose_name=_("person")
    )
    number = models.PositiveIntegerField(_("attempt"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    timed_out = models.BooleanField(_("time ran out"), default=False)
    pass_mark = models.PositiveIntegerField(_("pass mark (%)"))
    question_total = models.PositiveIntegerField(_("questions"), default=0)
    correct_count = models.PositiveIntegerField(_("correct"), default=0)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["exam", "person", "number"], name="attempt_number_unique")]
        verbose_name = _("exam attempt")
        verbose_name_plural = _("exam attempts")

    def __str__(self):
        return f"{self.exam} · {self.person} · #{self.number}"

    def get_absolute_url(self):
        return reverse("training:attempt_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status == self.Status.IN_PROGRESS and timezone.now() <= self.deadline


def new_answer_tokens(count: int) -> list[str]:
    """``count`` distinct random tokens: what the exam page submits instead of option ids."""
    tokens: list[str] = []
    while len(tokens) < count:
        token = secrets.token_urlsafe(9)
        if token not in tokens:
            tokens.append(token)
    return tokens


class AttemptQuestion(models.Model):
    """One drawn question of an attempt, its shuffled option order and the answer given in time.

    The page never shows option ids: each option of the drawn question gets a random token
    (``option_tokens[i]`` stands for ``option_order[i]``), drawn afresh for every attempt, so nothing
    the browser sees (order, value, parity) says anything about creation order or the answer key.
    ``selected`` holds option ids, mapped back from the tokens on the server."""

    attempt = models.ForeignKey(ExamAttempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField()
    option_order = models.JSONField(default=list)
    option_tokens = models.JSONField(default=list)
    selected = models.JSONField(default=list, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    is_correct = models.BooleanField(null=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="attempt_question_once")]

    def __str__(self):
        return f"{self.attempt_id}:{self.position}"

    @property
    def option_for_token(self) -> dict[str, int]:
        return dict(zip(self.option_tokens, self.option_order, strict=False))

    @property
    def token_for_option(self) -> dict[int, str]:
        return dict(zip(self.option_order, self.option_tokens, strict=False))


class Completion(BaseModel):
    """A passed course (training record); its certificate carries ``code`` for public verification."""

    class Source(models.TextChoices):
        EXAM = "exam", _("Exam passed")
        ATTENDANCE = "attendance", _("Session attended")
        MANUAL = "manual", _("Recorded by a safety officer")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_records", verbose_name=_("person")
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions", verbose_name=_("course"))
    completed_on = models.DateField(_("completed on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("how"), max_length=20, choices=Source.choices)
    attempt = models.OneToOneField(ExamAttempt, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    session = models.ForeignKey(TrainingSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    code = models.CharField(_("verification code"), max_length=16, unique=True, default=new_certificate_code)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-completed_on", "-id"]
        indexes = [models.Index(fields=["person", "course", "completed_on"])]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")

    def __str__(self):
        return f"{self.course} · {self.person} · {self.completed_on}"

    def get_absolute_url(self):
        return reverse("training:certificate_pdf", args=[self.pk])

    def is_valid_on(self, day):
        return self.expires_on is None or self.expires_on >= day


class PlanLine(BaseModel):
    """A line of the annual training plan (R6.1): course, audience, month, method."""

    year = models.PositiveIntegerField(_("year"), validators=[validate_year])
    month = models.PositiveSmallIntegerField(_("month"), validators=interval_validators(12))
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="plan_lines", verbose_name=_("course"))
    method = models.CharField(_("method"), max_length=20, choices=Course.Method.choices)
    departments = models.ManyToManyField(
        "organization.Department",
        blank=True,
        related_name="+",
        verbose_name=_("audience"),
        help_text=_("Empty: all staff."),
    )

    class Meta:
        ordering = ["year", "month", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="planline_month_1_12"),
            range_constraint("year", YEAR_MIN, YEAR_MAX, "planline_year_in_range"),
        ]
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")

    def __str__(self):
        return f"{self.year}-{self.month:02d} {self.course}"

    def get_absolute_url(self):
        return reverse("training:plan") + f"?year={self.year}"
