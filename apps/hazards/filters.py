import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.filters import DateFilter
from apps.core.forms import style_filter_form
from apps.core.params import parse_id
from apps.organization.models import Area, Department, Site

from .models import Hazard
from .selectors import overdue_q, site_q


class HazardFilter(django_filters.FilterSet):
    """The hazard list and its CSV export share this filter."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.MultipleChoiceFilter(
        choices=Hazard.Status.choices, label=_("Status"), widget=forms.SelectMultiple(attrs={"size": 4})
    )
    grade = django_filters.ChoiceFilter(choices=Hazard.Grade.choices, label=_("Grade"))
    risk_level = django_filters.ChoiceFilter(choices=Hazard.RiskLevel.choices, label=_("Risk level"))
    category = django_filters.ChoiceFilter(choices=Hazard.Category.choices, label=_("Category"))
    department = django_filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Department"))
    # A hazard in one of the site's areas, or found at the site without an area.
    site = django_filters.ModelChoiceFilter(queryset=Site.objects.all(), method="filter_site", label=_("Site"))
    area = django_filters.ModelChoiceFilter(
        queryset=Area.objects.filter(is_active=True).select_related("floor__site"), label=_("Area")
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))
    reported_after = DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Reported from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip
    reported_before = DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Reported until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip
    open = django_filters.BooleanFilter(method="filter_open", label=_("Open only"))

    class Meta:
        model = Hazard
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_filter_form(
            self.form,
            empty_labels={
                "grade": _("Any grade"),
                "risk_level": _("Any risk level"),
                "category": _("Any category"),
                "department": _("Any department"),
                "site": _("Any site"),
                "area": _("Any area"),
            },
        )
        self._bound_area_choices()

    def _bound_area_choices(self):
        """The area drop-down lists the chosen site's areas (and the chosen area), not the 1,200 areas of a
        large company (issue 12: 85 % of the list page was rendering options); any area still filters
        (the risk map links to ``?area=<id>``)."""
        field = self.form.fields["area"]
        data = self.form.data if self.form.is_bound else {}
        site_id, area_id = parse_id(data.get("site")), parse_id(data.get("area"))
        shown = Area.objects.none()
        if site_id is not None or area_id is not None:
            shown = (
                Area.objects.filter(is_active=True)
                .filter(Q(floor__site_id=site_id) | Q(pk=area_id))
                .select_related("floor__site")
            )
        empty = field.empty_label if site_id is not None else _("Any area (choose a site to list its areas)")
        field.widget.choices = [("", empty)] + [(a.pk, field.label_from_instance(a)) for a in shown]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__icontains=value)
            | Q(title__icontains=value)
            | Q(title_zh__icontains=value)
            | Q(description__icontains=value)
            | Q(location_text__icontains=value)
        )

    def filter_site(self, queryset, name, value):
        return queryset.filter(site_q(value)) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        q = overdue_q(timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        q = Q(status__in=Hazard.OPEN_STATUSES)
        return queryset.filter(q) if value else queryset.exclude(q)
