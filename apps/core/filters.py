"""Filters for list pages whose values are bounded like form input (``apps.core.fields``), and the rule for
an export: a filter that does not validate is refused, never silently dropped (the file would hold
more than the user asked for)."""

import django_filters
from django.contrib import messages
from django.utils.translation import gettext as _

from . import fields as core_fields
from .exceptions import ApplicationError


class DateFilter(django_filters.DateFilter):
    field_class = core_fields.DateField


class YearFilter(django_filters.NumberFilter):
    """``?year=`` as a whole year between 1900 and 2200 (a date lookup on any other number fails)."""

    field_class = core_fields.YearField


class UnfilteredWhenInvalid:
    """For a FilterSet whose list page shows the whole list when the filter does not validate (with the
    form's errors), rather than django-filter's default of applying only the fields that did."""

    @property
    def qs(self):
        if self.is_bound and not self.is_valid():
            return self.queryset.all()
        return super().qs


def refuse_invalid_filter(form):
    """For an export: a filter form (``filterset.form``) that does not validate raises an
    :class:`ApplicationError` naming each problem (a 400 page through ``ApplicationErrorMiddleware``)."""
    if form.is_bound and not form.is_valid():
        problems = " ".join(_problems(form))
        raise ApplicationError(
            _("The filter is not valid, so nothing was exported: %(problems)s") % {"problems": problems}
        )


def _problems(form):
    """Each error of ``form`` as "Label: message"."""
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = f"{field.label}: " if field is not None and field.label else ""
        for error in errors:
            yield f"{label}{error}"


def report_filter_errors(request, form):
    """Say on the page which filter values were not used, for list pages that show filters without
    their errors (the list is then shown without those filters)."""
    if form.is_bound and not form.is_valid():
        for problem in _problems(form):
            messages.error(request, _("Filter not applied — %(problem)s") % {"problem": problem})
