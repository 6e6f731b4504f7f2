import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.filters import UnfilteredWhenInvalid
from apps.core.forms import style_filter_form
from apps.organization.models import Department

from .forms import MAX_YEAR, MIN_YEAR
from .models import Decision


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class DecisionFilter(UnfilteredWhenInvalid, django_filters.FilterSet):
    """The decision list's filter."""

    status = django_filters.ChoiceFilter(choices=Decision.Status.choices, label=_("Status"), empty_label=_("— any —"))
    kind = django_filters.ChoiceFilter(choices=Decision.Kind.choices, label=_("Kind"), empty_label=_("— any —"))
    year = IntegerFilter(
        field_name="effective_date", lookup_expr="year", label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Department"), empty_label=_("— any —")
    )

    class Meta:
        model = Decision
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_filter_form(self.form)
