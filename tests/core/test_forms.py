import django_filters
import pytest
from django import forms

from apps.core.forms import style_filter_form
from apps.organization.models import Department


class Filters(forms.Form):
    q = forms.CharField(label="Search", required=False)
    mine = forms.BooleanField(label="Mine", required=False)
    department = forms.ModelChoiceField(label="Department", queryset=Department.objects.none(), required=False)
    category = forms.ChoiceField(label="Category", choices=[("", "---------"), ("fire", "Fire")], required=False)
    status = forms.ChoiceField(label="Status", choices=[("", "Every status"), ("open", "Open")], required=False)
    overdue = forms.NullBooleanField(label="Overdue", required=False)
    active = forms.NullBooleanField(
        label="Active", required=False, widget=forms.Select(choices=[("", ""), ("true", "Yes"), ("false", "No")])
    )
    kinds = forms.MultipleChoiceField(label="Kinds", choices=[("a", "A")], required=False)
    year = forms.IntegerField(widget=forms.HiddenInput, required=False)


def empty_choice(bound_field):
    return next(label for value, label in bound_field.field.widget.choices if value in ("", "unknown"))


def test_every_visible_widget_gets_bootstrap_classes():
    form = style_filter_form(Filters())
    classes = {name: field.widget.attrs.get("class") for name, field in form.fields.items()}
    assert classes["q"] == "form-control"
    assert classes["mine"] == "form-check-input"
    assert classes["department"] == classes["category"] == classes["overdue"] == "form-select"
    assert classes["kinds"] == "form-select"
    assert classes["year"] is None


def test_a_named_empty_choice_replaces_the_dashes():
    form = style_filter_form(Filters(), empty_labels={"department": "Any department", "category": "Any category"})
    assert empty_choice(form["department"]) == "Any department"
    assert empty_choice(form["category"]) == "Any category"


def test_an_unnamed_drop_down_reads_any_instead_of_dashes_blank_or_unknown():
    form = style_filter_form(Filters())
    assert empty_choice(form["category"]) == "Any"
    assert empty_choice(form["overdue"]) == "Any"
    assert empty_choice(form["active"]) == "Any"
    assert "---------" not in str(form)


def test_an_empty_choice_the_field_already_names_is_kept():
    form = style_filter_form(Filters())
    assert empty_choice(form["status"]) == "Every status"


@pytest.mark.django_db
def test_a_filtersets_choice_filter_gets_its_named_empty_choice():
    class DepartmentFilter(django_filters.FilterSet):
        name = django_filters.ChoiceFilter(choices=[("x", "X")])

        class Meta:
            model = Department
            fields = []

    form = style_filter_form(DepartmentFilter().form, empty_labels={"name": "Any name"})
    assert '<option value="" selected>Any name</option>' in str(form["name"])
