"""Forms parse and check input; the services decide. Photos are checked by content here so a bad file
shows as an error on the field (and the hazard is not saved) instead of a 500."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core import fields as core_fields
from apps.core.fields import MultipleFileInput
from apps.core.permissions import is_officer
from apps.core.uploads import inspect_image
from apps.core.workflow import MoveForm
from apps.organization.models import Area, Department
from apps.organization.widgets import PersonChoiceField

from .models import Hazard

MAX_PHOTOS = 6


class PhotosField(forms.FileField):
    """Zero or more images, each recognised by content (JPEG, PNG, WebP, GIF) and within the size limit."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/*", "capture": "environment", "class": "form-control"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("Attach at most %(n)s photos.") % {"n": MAX_PHOTOS})
        errors = []
        for upload in files:
            try:
                inspect_image(upload)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return files


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


def area_queryset():
    return Area.objects.filter(is_active=True).select_related("floor__site")


class HazardReportForm(forms.Form):
    title = forms.CharField(
        label=_("What is the hazard?"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Fire exit blocked by boxes"), "autofocus": True}),
    )
    area = AreaChoiceField(
        label=_("Where?"), queryset=Area.objects.none(), required=False, empty_label=_("— choose the area —")
    )
    location_text = forms.CharField(
        label=_("Place details"),
        max_length=200,
        required=False,
        help_text=_("e.g. next to the printer; or describe the place if it is not in the list"),
    )
    description = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("— not sure —")), *Hazard.Category.choices], required=False
    )
    photos = PhotosField(label=_("Photos"), help_text=_("Optional. Take a photo or choose from the gallery."))
    is_anonymous = forms.BooleanField(
        label=_("Report anonymously"),
        required=False,
        help_text=_("Your name is hidden from everyone except the safety officers."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = area_queryset()

    def clean(self):
        data = super().clean()
        if not data.get("area") and not (data.get("location_text") or "").strip():
            self.add_error("location_text", _("Choose an area or describe the place."))
        return data


class AssessForm(MoveForm):
    LEVELS = [(i, str(i)) for i in range(1, 6)]

    grade = forms.ChoiceField(label=_("Grade"), choices=Hazard.Grade.choices)
    category = forms.ChoiceField(label=_("Category"), choices=Hazard.Category.choices)
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood (1 rare – 5 almost certain)"), choices=LEVELS, coerce=int, initial=3
    )
    severity = forms.TypedChoiceField(
        label=_("Severity (1 negligible – 5 catastrophic)"), choices=LEVELS, coerce=int, initial=3
    )
    deadline = core_fields.DateField(
        label=_("Rectification deadline"),
        required=False,
        help_text=_("Leave empty for the default for the grade."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=Department.objects.all(), required=False
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hazard = self.obj
        if hazard is not None and not self.is_bound:
            self.initial.update({"category": hazard.category, "department": hazard.department_id})


class ReasonForm(MoveForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


# The people a planner may name as responsible (``selectors.responsible_candidates``): the picker's
# search and the field's validation use this one scope, registered in ``HazardsConfig.ready()``.
RESPONSIBLE_SCOPE = "hazards.responsible"


class PlanForm(MoveForm):
    measures = forms.CharField(label=_("Rectification measures"), widget=forms.Textarea(attrs={"rows": 3}))
    department = forms.ModelChoiceField(label=_("Responsible department"), queryset=Department.objects.all())
    responsible_person = PersonChoiceField(label=_("Responsible person"), scope=RESPONSIBLE_SCOPE)
    deadline = core_fields.DateField(
        label=_("Rectification deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    funds = forms.DecimalField(label=_("Funds (CNY)"), required=False, min_value=0, max_digits=12, decimal_places=2)
    interim_safeguards = forms.CharField(
        label=_("Interim safeguards"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    contingency = forms.CharField(
        label=_("Contingency arrangement"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hazard, user = self.obj, self.user
        departments = Department.objects.all()
        if user is not None and not is_officer(user):
            departments = departments.filter(pk__in=user.headed_department_ids)
        self.fields["department"].queryset = departments
        if hazard is not None and not self.is_bound:
            self.initial.update({"department": hazard.department_id, "deadline": hazard.deadline})
        if hazard is not None and not hazard.is_major:
            for name in ("funds", "interim_safeguards", "contingency"):
                del self.fields[name]


class RectifyForm(MoveForm):
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    photos = PhotosField(label=_("Evidence photos"))
