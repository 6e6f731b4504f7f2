import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.filters import YearFilter
from apps.core.forms import style_filter_form
from apps.organization.models import Department

from .models import Incident


class IncidentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    # The empty choice names the filter, since the list page shows the selects without labels.
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Incident.Status.choices, empty_label=_("Any status")
    )
    type = django_filters.ChoiceFilter(label=_("Type"), choices=Incident.Type.choices, empty_label=_("Any type"))
    severity = django_filters.ChoiceFilter(
        label=_("Severity"), choices=Incident.Severity.choices, empty_label=_("Any severity")
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all(), empty_label=_("All departments")
    )
    year = YearFilter(label=_("Year"), field_name="occurred_at", lookup_expr="year")

    class Meta:
        model = Incident
        fields = ["q", "status", "type", "severity", "department", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_filter_form(self.form)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(number__icontains=value) | Q(description__icontains=value) | Q(location_detail__icontains=value)
        )
