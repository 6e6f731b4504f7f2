import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.filters import UnfilteredWhenInvalid
from apps.core.forms import style_filter_form

from .models import Document


class CheckboxFilter(django_filters.Filter):
    """A tick box: ticked filters, unticked leaves the list alone."""

    field_class = forms.BooleanField


class DocumentFilter(UnfilteredWhenInvalid, django_filters.FilterSet):
    """The document list's filter."""

    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=100)
    category = django_filters.ChoiceFilter(choices=Document.Category.choices, label=_("Category"))
    past_review = CheckboxFilter(method="filter_past_review", label=_("Past review date"))

    class Meta:
        model = Document
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_filter_form(self.form, empty_labels={"category": _("Any category")})
        self.form.fields["q"].widget.input_type = "search"

    def search(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(number__icontains=value) | Q(title__icontains=value) | Q(title_zh__icontains=value))

    def filter_past_review(self, queryset, name, value):
        return queryset.filter(current_version__review_date__lt=timezone.localdate()) if value else queryset
