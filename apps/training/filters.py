"""Training's list filters: one FilterSet per listed model, each with a ``q`` search, shared by a list and
its export. The selectors scope (what the user may see); these narrow it.

Every value is bounded by its form field: a choice outside the list, an id that names no row, a search
longer than ``SEARCH_MAX`` or with a NUL character is an error on the filter form, never a query. A
list is shown without the refused filter (and says why); an export refuses to run
(:func:`require_valid`), since the file would hold more than was asked for.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.exceptions import ApplicationError
from apps.organization.models import Department, Post, User

from . import selectors
from .models import Assignment, Course, TrainingSession

SEARCH_MAX = 100


def _search(label):
    return django_filters.CharFilter(label=label, method="search", max_length=SEARCH_MAX)


def _cleaned(filterset) -> dict:
    """The values of ``filterset`` that are valid (an absent or refused value is missing)."""
    filterset.form.is_valid()
    return getattr(filterset.form, "cleaned_data", {})


def require_valid(filterset):
    """For an export: refuse (a 400 with the reasons) a filter that does not validate."""
    if filterset.is_bound and not filterset.is_valid():
        problems = "; ".join(
            f"{filterset.form.fields[name].label}: {' '.join(errors)}" for name, errors in filterset.errors.items()
        )
        raise ApplicationError(
            gettext("The filter is not valid, so nothing was exported: %(problems)s") % {"problems": problems}
        )


class HiddenFlag(forms.HiddenInput):
    """A yes/no kept in the query string (``?all=1``) by a link, carried by the filter form unseen."""

    def value_from_datadict(self, data, files, name):
        return django_filters.widgets.BooleanWidget().value_from_datadict(data, files, name)


class CourseFilter(django_filters.FilterSet):
    """The course list."""

    q = _search(_("Search"))
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Course.Category.choices, empty_label=_("All categories")
    )
    method = django_filters.ChoiceFilter(label=_("Method"), choices=Course.Method.choices, empty_label=_("All methods"))

    class Meta:
        model = Course
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(name_zh__icontains=value) | Q(code__icontains=value))


class PeopleFilter(django_filters.FilterSet):
    """People in the user's scope: the team page and the list of people not cleared for work."""

    q = _search(_("Name or employee number"))
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all(), empty_label=_("All departments in my scope")
    )
    post = django_filters.ModelChoiceFilter(label=_("Post"), queryset=Post.objects.all(), empty_label=_("All posts"))

    class Meta:
        model = User
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(full_name__icontains=value) | Q(username__icontains=value) | Q(employee_number__icontains=value)
        )


class MatrixFilter(PeopleFilter):
    """The compliance matrix and its CSV export: the people (rows) as :class:`PeopleFilter`; the course
    and category pick the columns and the status the rows that have one cell in it, which the matrix
    applies itself (:meth:`matrix_options`)."""

    course = django_filters.ModelChoiceFilter(
        label=_("Course"), queryset=Course.objects.filter(is_active=True), method="by_matrix", empty_label=_("All")
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Course.Category.choices, method="by_matrix", empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=list(selectors.STATUS_LABELS.items()), method="by_matrix", empty_label=_("All")
    )

    def by_matrix(self, queryset, name, value):
        return queryset  # not a filter of the people: see matrix_options

    def matrix_options(self) -> dict:
        """The column and row choices for :func:`selectors.compliance_matrix` (only those that are valid)."""
        data = _cleaned(self)
        return {
            "course": data.get("course"),
            "category": data.get("category") or None,
            "status": data.get("status") or None,
        }


class AssignmentFilter(django_filters.FilterSet):
    """The assignment list; without a status in the query string it shows the open ones."""

    q = _search(_("Person or course"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Assignment.Status.choices, empty_label=_("All statuses")
    )
    course = django_filters.ModelChoiceFilter(label=_("Course"), queryset=Course.objects.all(), empty_label=_("All"))
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        field_name="person__department",
        queryset=Department.objects.all(),
        empty_label=_("All departments in my scope"),
    )

    class Meta:
        model = Assignment
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = Assignment.Status.OPEN
        super().__init__(data, *args, **kwargs)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(person__full_name__icontains=value)
            | Q(person__employee_number__icontains=value)
            | Q(course__name__icontains=value)
            | Q(course__name_zh__icontains=value)
            | Q(course__code__icontains=value)
        )


class SessionFilter(django_filters.FilterSet):
    """The session list: upcoming sessions unless ``all`` is ticked (``?all=1``)."""

    q = _search(_("Course or trainer"))
    course = django_filters.ModelChoiceFilter(label=_("Course"), queryset=Course.objects.all(), empty_label=_("All"))
    all = django_filters.BooleanFilter(label=_("Past sessions too"), method="by_period", widget=HiddenFlag)

    class Meta:
        model = TrainingSession
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(course__name__icontains=value)
            | Q(course__name_zh__icontains=value)
            | Q(course__code__icontains=value)
            | Q(trainer__full_name__icontains=value)
        )

    def by_period(self, queryset, name, value):
        return queryset  # applied in filter_queryset, so that no value means "upcoming"

    @property
    def upcoming(self) -> bool:
        return not _cleaned(self).get("all")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return selectors.upcoming_sessions(queryset) if self.upcoming else queryset.order_by("-starts_at", "id")
