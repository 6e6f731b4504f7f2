import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.bounds import interval_validators
from apps.core.i18n import pick_language
from apps.core.models import BaseModel, BilingualNameMixin


def new_calendar_token():
    return secrets.token_urlsafe(24)


class CompanyProfile(BilingualNameMixin, BaseModel):
    """The company's own particulars, printed on every document's letterhead (one row at most).

    Safety officers edit it in the app (``organization:company_update``); until they do,
    ``settings.COMPANY_NAME`` stands in (:func:`apps.organization.selectors.company_profile`). The logo
    is a core attachment with role ``logo``, checked and stored like every uploaded image.
    """

    LOGO_ROLE = "logo"

    singleton = models.BooleanField(default=True, editable=False, unique=True)
    short_name = models.CharField(
        _("short name (English)"), max_length=60, blank=True, help_text=_("Shown in the navigation bar.")
    )
    short_name_zh = models.CharField(_("short name (Chinese)"), max_length=60, blank=True)
    address = models.CharField(_("address (English)"), max_length=300, blank=True)
    address_zh = models.CharField(_("address (Chinese)"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=models.Q(singleton=True), name="company_profile_single_row")]
        verbose_name = _("company profile")
        verbose_name_plural = _("company profile")

    def get_absolute_url(self):
        return reverse("organization:structure") + "#company"

    @property
    def display_short_name(self):
        return pick_language(self.short_name, self.short_name_zh) or self.display_name

    @property
    def display_address(self):
        return pick_language(self.address, self.address_zh)


class Department(BilingualNameMixin, BaseModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    head = models.ForeignKey(
        "organization.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_departments",
        verbose_name=_("head"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def get_absolute_url(self):
        return reverse("organization:department_detail", args=[self.pk])


class Post(BilingualNameMixin, BaseModel):
    """A job position (岗位); training requirements attach to posts."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def get_absolute_url(self):
        return reverse("organization:structure") + f"#post-{self.pk}"


class Site(BilingualNameMixin, BaseModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def get_absolute_url(self):
        return reverse("organization:site_detail", args=[self.pk])


class Floor(BilingualNameMixin, BaseModel):
    """A floor of a building on a site; areas sit on floors."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="floors", verbose_name=_("site"))
    building = models.CharField(_("building"), max_length=100, blank=True)
    level = models.IntegerField(_("level"), default=1, validators=interval_validators(999, minimum=-99))
    history = HistoricalRecords()

    class Meta:
        ordering = ["site", "building", "level", "id"]
        constraints = [
            models.UniqueConstraint(fields=["site", "building", "level"], name="floor_unique_level_per_building")
        ]
        verbose_name = _("floor")
        verbose_name_plural = _("floors")

    def get_absolute_url(self):
        return reverse("organization:site_detail", args=[self.site_id])


class Area(BilingualNameMixin, BaseModel):
    """A place that inspections, hazards and incidents point at (a room, a zone, a corridor)."""

    floor = models.ForeignKey(Floor, on_delete=models.PROTECT, related_name="areas", verbose_name=_("floor"))
    code = models.SlugField(_("code"), max_length=40, unique=True)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="areas",
        verbose_name=_("responsible department"),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["floor__site__name", "floor__level", "name", "id"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    @property
    def site(self):
        return self.floor.site

    @property
    def full_name(self):
        return f"{self.floor.site} · {self.floor} · {self.display_name}"

    def get_absolute_url(self):
        return reverse("organization:site_detail", args=[self.floor.site_id]) + f"#area-{self.pk}"


class User(AbstractUser):
    """A person of the company. Profile fields live here: one person, one department, one post."""

    class Role(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        SAFETY_OFFICER = "officer", _("Safety officer")
        MANAGEMENT = "management", _("Management")

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    employee_number = models.CharField(_("employee number"), max_length=40, unique=True, null=True, blank=True)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("department"),
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.PROTECT, related_name="members", verbose_name=_("post")
    )
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    # Blank: the company default (settings.LANGUAGE_CODE); see apps.core.i18n_messages.language_of.
    language = models.CharField(_("language"), max_length=10, blank=True, default="", choices=settings.LANGUAGES)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    class Meta:
        ordering = ["full_name", "username", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    def get_absolute_url(self):
        return reverse("organization:person_detail", args=[self.pk])

    @cached_property
    def headed_department_ids(self):
        if not self.pk:
            return []
        return list(Department.objects.filter(head_id=self.pk).values_list("id", flat=True))

    @property
    def is_department_head(self):
        return bool(self.headed_department_ids)

    @property
    def role_labels(self):
        """Every role this person holds, roles stacking (a head is also an employee)."""
        labels = []
        if self.role == self.Role.MANAGEMENT:
            labels.append(_("Management"))
        if self.role == self.Role.SAFETY_OFFICER:
            labels.append(_("Safety officer"))
        if self.is_department_head:
            labels.append(_("Department head"))
        labels.append(_("Employee"))
        return labels
