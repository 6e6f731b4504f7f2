"""Form fields that refuse what the database, ``date()`` or ``timedelta`` cannot hold.

Use these instead of Django's own for every year, date, datetime, multiple choice of records and
multiple-file input: ``tests/core/test_form_bounds.py`` fails for a form that does not.
"""

from pathlib import Path

from django import forms
from django.db import connection, models

from .bounds import YEAR_MAX, YEAR_MIN, validate_date, validate_year
from .uploads import check_size, inspect_file, inspect_image

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff", ".heic"}


class TextField(forms.CharField):
    """Free text with the NUL characters dropped (PostgreSQL cannot store them; a comment pasted with one
    is kept without it rather than refused)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\x00", "")
        return super().to_python(value)


class YearField(forms.IntegerField):
    """A year between 1900 and 2200 (``min_value``/``max_value`` may narrow it)."""

    default_validators = [validate_year]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("min", YEAR_MIN)
        attrs.setdefault("max", YEAR_MAX)
        return attrs


class DateField(forms.DateField):
    """A date between 1900 and 2200."""

    default_validators = [validate_date]


class DateTimeField(forms.DateTimeField):
    """A date and time between 1900 and 2200 (0001-01-01 00:00 in Shanghai falls before year 1 in UTC,
    which overflowed when a service compared or saved it)."""

    default_validators = [validate_date]


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses an id the database could not compare (``2**63``) before asking it."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        if isinstance(field, models.IntegerField):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            for pk in value:
                try:
                    number = int(str(pk))
                except ValueError:
                    continue  # Django's own check names it
                if not low <= number <= high:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)


class MultipleFileInput(forms.FileInput):
    """Several files in one input. A plain ``FileInput``: a clearable one posts a "clear" box that, sent
    with a file, hands the field a marker object instead of files."""

    allow_multiple_selected = True


class FileField(forms.FileField):
    """Any file within the upload limit; one that says it is an image must be one (it gets a thumbnail).
    With ``allowed`` (kinds from ``apps.core.uploads``), the file must be one of them judged by its
    content, and the message lists what is accepted."""

    widget = forms.FileInput

    def __init__(self, *args, allowed=None, **kwargs):
        self.allowed = allowed
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        declared = (getattr(upload, "content_type", "") or "").lower()
        claims_image = declared.startswith("image/") or Path(upload.name or "").suffix.lower() in IMAGE_SUFFIXES
        if self.allowed is not None:
            mime, _ext = inspect_file(upload, allowed=self.allowed)
            if claims_image and not mime.startswith("image/"):
                inspect_image(upload)  # text named photo.jpg: refused as "not an image we can read"
        else:
            check_size(upload)
            if claims_image:
                inspect_image(upload)
        return upload
