import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.forms import style_filter_form

from .models import Department, Post, User


class PersonFilter(django_filters.FilterSet):
    """The people list and its CSV export share this filter."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Department"), empty_label=_("Any department")
    )
    post = django_filters.ModelChoiceFilter(queryset=Post.objects.all(), label=_("Post"), empty_label=_("Any post"))
    role = django_filters.ChoiceFilter(choices=User.Role.choices, label=_("Role"), empty_label=_("Any role"))
    is_active = django_filters.BooleanFilter(
        label=_("Active"),
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = User
        fields = ["q", "department", "post", "role", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_filter_form(self.form)
        self.form.fields["q"].widget.input_type = "search"
        self.form.fields["q"].widget.attrs["placeholder"] = _("Name, username or employee number")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(full_name__icontains=value) | Q(username__icontains=value) | Q(employee_number__icontains=value)
        )
