import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.organization.models import Department

from .models import Incident


class IncidentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Incident.Status.choices)
    type = django_filters.ChoiceFilter(label=_("Type"), choices=Incident.Type.choices)
    severity = django_filters.ChoiceFilter(label=_("Severity"), choices=Incident.Severity.choices)
    department = django_filters.ModelChoiceFilter(label=_("Department"), queryset=Department.objects.all())
    year = django_filters.NumberFilter(label=_("Year"), field_name="occurred_at", lookup_expr="year")

    class Meta:
        model = Incident
        fields = ["q", "status", "type", "severity", "department", "year"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(number__icontains=value) | Q(description__icontains=value) | Q(location_detail__icontains=value)
        )
