"""Form helpers shared by every module: submitting a form through a service, styling filter forms."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .exceptions import ApplicationError, NotAllowed
from .fields import MultipleFileInput
from .uploads import inspect_image


class FilterBoundField(forms.BoundField):
    """A filter field whose value did not validate is drawn red (Bootstrap's ``is-invalid``), beside its
    message, so the user sees which filter was not applied."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors:
            attrs["class"] = f"{attrs.get('class') or self.field.widget.attrs.get('class', '')} is-invalid".strip()
        return attrs


def style_filter_form(form, *, empty_labels=None):
    """Give every field of a list page's filter form Bootstrap's widget classes, and name the empty
    choice of each drop-down ("Any status", "Any department"…) instead of Django's "---------".

    ``empty_labels`` maps a field name to its empty choice's label; a drop-down not named there keeps
    the label its field declares, or reads "Any" instead of a blank or "---------". Works on a plain
    form and on a django-filter FilterSet's ``form``."""
    empty_labels = empty_labels or {}
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
            _name_empty_choice(field, empty_labels.get(name))
        else:
            css = "form-control"
        widget.attrs["class"] = css
        widget.attrs.setdefault("aria-label", str(field.label))
    form.bound_field_class = FilterBoundField
    return form


def _name_empty_choice(field, label):
    widget = field.widget
    if isinstance(widget, forms.SelectMultiple):
        return  # nothing chosen means "any": there is no empty choice to name
    if hasattr(field, "empty_label"):  # ModelChoiceField and django-filter's ChoiceField
        if field.empty_label is not None:
            field.empty_label = _or_any(label, field.empty_label)
            # The form's copy of a django-filter widget still reads the class-level field's label.
            widget.choices = field.choices
        return
    if isinstance(widget, forms.NullBooleanSelect):  # "Unknown" means "any" in a filter
        widget.choices = [(v, label or _("Any") if v == "unknown" else text) for v, text in widget.choices]
        return
    holder = field if hasattr(field, "choices") else widget  # a plain Select on a non-choice field
    holder.choices = [(v, _or_any(label, text) if v == "" else text) for v, text in holder.choices]


def _or_any(label, current):
    """``label`` if given; else the field's own label, unless it is blank or Django's "---------"."""
    if label is not None:
        return label
    return _("Any") if str(current).strip("-") == "" else current


def call_service(form, fn):
    """Run ``fn()`` (a service call) for a view that shows ``form``: a refusal becomes the form's error and
    ``None`` is returned, ``NotAllowed`` becomes a 403. Returns what the service returned."""
    try:
        return fn()
    except NotAllowed:
        raise PermissionDenied from None
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return None


def submit_form(form, call) -> bool:
    """Validate ``form`` and run ``call(form)``; a service's refusal becomes the form's error, so the view
    re-renders the form with what the user typed (``NotAllowed`` still propagates as a 403).
    True when the form was valid and the call succeeded."""
    if not form.is_valid():
        return False
    try:
        call(form)
    except NotAllowed:
        raise
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return False
    return True


# --- the shared form kit -----------------------------------------------------------------------------


def bind_user(form, user) -> None:
    """Give every field that depends on who fills the form in (a person picker's scope) its user."""
    for field in form.fields.values():
        bind = getattr(field, "bind_user", None)
        if bind is not None:
            bind(user)


class StyledForm(forms.Form):
    """A form whose widgets carry Bootstrap classes, so templates can loop over fields plainly
    (``{% include "inc/field.html" %}``). ``user`` is who fills it in: person pickers search and accept
    the people of their scope for that user."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        bind_user(self, user)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def service_kwargs(self) -> dict:
        """The service's keyword arguments: the cleaned data, unless the form says otherwise."""
        return dict(self.cleaned_data)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PhotosField(forms.FileField):
    """Zero or more photos, each checked by content (:func:`apps.core.uploads.inspect_image`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        for f in files:
            inspect_image(f)
        return files
