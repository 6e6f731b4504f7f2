"""Every form and filter bounds what it accepts, so nothing typed can reach ``date()``, ``timedelta`` or the
database as a value they cannot hold (issue 9). New forms are found by importing each app's ``forms`` and
``filters`` modules; a field that breaks a rule fails here, before any page shows it."""

import importlib
import inspect
import pkgutil

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator

import apps
from apps.core import fields as core_fields
from apps.core.bounds import validate_year


def _modules():
    for info in pkgutil.iter_modules(apps.__path__):
        for name in ("forms", "filters"):
            try:
                yield importlib.import_module(f"apps.{info.name}.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"apps.{info.name}.{name}":
                    raise


def _model_field(cls, name):
    model = getattr(getattr(cls, "_meta", None), "model", None)
    try:
        return model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return None


def _fields():
    """(where, field, model field or None) for every field of every form and filter set the apps define."""
    for module in _modules():
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            if issubclass(cls, forms.BaseForm):
                for name, field in cls.base_fields.items():
                    yield f"{module.__name__}.{cls_name}.{name}", field, _model_field(cls, name)
            elif issubclass(cls, django_filters.FilterSet):
                for name, field in cls().form.fields.items():
                    yield f"{module.__name__}.{cls_name}.{name}", field, None


FIELDS = list(_fields())


def _assert_none(rule):
    offenders = [where for where, field, model_field in FIELDS if rule(field, model_field)]
    assert not offenders, "these fields break the rule:\n" + "\n".join(offenders)


def test_the_rules_below_see_the_forms_of_every_app():
    names = {where.split(".")[1] for where, _field, _model_field in FIELDS}
    assert {"hazards", "incidents", "inspections", "training", "emergency", "organization"} <= names


def test_every_date_field_refuses_dates_outside_1900_to_2200():
    _assert_none(
        lambda f, _m: (
            isinstance(f, forms.DateField) and not isinstance(f, core_fields.DateField | core_fields.DateTimeField)
        )
    )


def test_every_datetime_field_refuses_dates_outside_1900_to_2200():
    _assert_none(lambda f, _m: isinstance(f, forms.DateTimeField) and not isinstance(f, core_fields.DateTimeField))


def _model_bounds(model_field):
    """Bounds the model field itself declares (beyond the database's own integer range)."""
    own = getattr(model_field, "_validators", [])
    return {type(v) for v in own} >= {MinValueValidator, MaxValueValidator} or validate_year in own


def test_every_integer_field_has_both_bounds():
    def unbounded(f, model_field):
        if not isinstance(f, forms.IntegerField) or isinstance(f, forms.DecimalField):
            return False
        if validate_year in f.validators or _model_bounds(model_field):
            return False
        return f.min_value is None or f.max_value is None

    _assert_none(unbounded)


def test_every_decimal_field_has_a_bound():
    _assert_none(lambda f, _m: isinstance(f, forms.DecimalField) and f.max_value is None and f.max_digits is None)


def test_every_multiple_choice_of_records_refuses_ids_the_database_cannot_hold():
    _assert_none(
        lambda f, _m: (
            isinstance(f, forms.ModelMultipleChoiceField) and not isinstance(f, core_fields.ModelMultipleChoiceField)
        )
    )


def test_no_file_input_posts_a_clear_box_in_place_of_a_file():
    _assert_none(lambda f, _m: isinstance(f.widget, forms.ClearableFileInput))


def test_every_formset_builds_no_more_forms_than_it_accepts():
    """Django builds up to ``absolute_max`` forms for a posted TOTAL_FORMS (1,000 more than ``max_num``
    by default): a hostile count must not make the page validate and render a thousand forms."""
    formsets = [
        (f"{module.__name__}.{name}", cls)
        for module in _modules()
        for name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.BaseFormSet) and cls is not forms.BaseFormSet and hasattr(cls, "absolute_max")
    ]
    assert formsets, "no formsets found: the rule would prove nothing"
    offenders = [where for where, cls in formsets if cls.absolute_max > cls.max_num]
    assert not offenders, "\n".join(offenders)
