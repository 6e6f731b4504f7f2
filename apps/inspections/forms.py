from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import fields as core_fields
from apps.core.uploads import inspect_image
from apps.core.workflow import MoveForm
from apps.organization.models import Area, Department, Site
from apps.organization.selectors import department_heads, safety_officers

from .models import (
    ChecklistTemplate,
    ClauseGroup,
    Equipment,
    EquipmentCheck,
    Frequency,
    InspectionResult,
    InspectorRole,
)


class PhotoField(forms.ImageField):
    """An optional photo, recognised by content (never by file name)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photo"))
        kwargs.setdefault("widget", forms.FileInput)  # a clearable input could post "clear" instead of a file
        super().__init__(**kwargs)
        self.widget.attrs.update({"accept": "image/*", "capture": "environment"})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            inspect_image(upload)
        return upload


def _areas():
    return Area.objects.filter(is_active=True).select_related("floor__site")


# --- templates ------------------------------------------------------------------------------------


class TemplateHeaderForm(forms.Form):
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class TemplateItemRowForm(forms.Form):
    section = forms.CharField(label=_("Section (English)"), max_length=200, required=False)
    section_zh = forms.CharField(label=_("Section (Chinese)"), max_length=200, required=False)
    text = forms.CharField(label=_("Item (English)"), max_length=300, required=False)
    text_zh = forms.CharField(label=_("Item (Chinese)"), max_length=300, required=False)
    guidance = forms.CharField(label=_("Guidance (English)"), required=False)
    guidance_zh = forms.CharField(label=_("Guidance (Chinese)"), required=False)
    clause = forms.CharField(label=_("Clause"), max_length=30, required=False)

    def clean(self):
        data = super().clean()
        if data.get("text") and not data.get("section"):
            self.add_error("section", _("Name the section this item belongs to."))
        return data


# absolute_max: a posted TOTAL_FORMS of 99999 builds no more rows than a checklist may have.
TemplateItemFormSet = forms.formset_factory(
    TemplateItemRowForm, extra=5, can_delete=True, max_num=400, absolute_max=400, validate_max=True
)
NewTemplateItemFormSet = forms.formset_factory(
    TemplateItemRowForm, extra=12, can_delete=True, max_num=400, absolute_max=400, validate_max=True
)


class TemplateCreateForm(TemplateHeaderForm):
    """The header of a new checklist: its clause group and an optional code (derived from the name)."""

    group = forms.ChoiceField(label=_("Clause group"), choices=ClauseGroup.choices)
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        required=False,
        help_text=_("Letters, digits and hyphens; leave empty to derive it from the English name."),
    )

    field_order = ["group", "name", "name_zh", "code", "description"]

    def clean_code(self):
        code = self.cleaned_data.get("code") or ""
        if code and ChecklistTemplate.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A checklist with this code already exists."))
        return code


def rows_to_sections(formset) -> list[dict]:
    """Consecutive rows with the same section name form one section, in the order given."""
    sections: list[dict] = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not data.get("text"):
            continue
        if not sections or sections[-1]["name"] != data["section"]:
            sections.append({"name": data["section"], "name_zh": data.get("section_zh", ""), "items": []})
        sections[-1]["items"].append(
            {k: data.get(k, "") for k in ("text", "text_zh", "guidance", "guidance_zh", "clause")}
        )
    return sections


def sections_to_rows(sections) -> list[dict]:
    return [{"section": s["name"], "section_zh": s["name_zh"], **item} for s in sections for item in s["items"]]


# --- plans ----------------------------------------------------------------------------------------


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)


def inspector_choices():
    """Inspectors are safety officers and department heads (a short list, not every person): the
    organisation's own role selectors, in name order."""
    User = get_user_model()
    people = Q(pk__in=safety_officers().values("pk")) | Q(pk__in=department_heads().values("pk"))
    return User.objects.filter(people).order_by("full_name", "username")


class PlanLineForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Checklist"), queryset=ChecklistTemplate.objects.filter(is_current=True))
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.all(), required=False)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all(), required=False)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    interval_days = forms.IntegerField(label=_("Every N days"), min_value=1, max_value=366, required=False)
    inspector = forms.ModelChoiceField(
        label=_("Inspector (a person)"), queryset=get_user_model().objects.none(), required=False
    )
    inspector_role = forms.ChoiceField(
        label=_("… or a role"),
        choices=[("", "—"), *InspectorRole.choices],
        required=False,
        help_text=_("A head is named for each inspection when the schedule is made; any safety officer may start one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas()
        self.fields["inspector"].queryset = inspector_choices()

    def clean(self):
        data = super().clean()
        if sum(1 for k in ("area", "site", "department") if data.get(k)) != 1:
            raise forms.ValidationError(_("Choose exactly one scope: an area, a site or a department."))
        if data.get("frequency") == Frequency.CUSTOM and not data.get("interval_days"):
            self.add_error("interval_days", _("Give the number of days between inspections."))
        person, role = data.get("inspector"), data.get("inspector_role")
        if person and role:
            self.add_error("inspector", _("Choose a person or a role as the inspector, not both."))
        elif not person and not role:
            self.add_error("inspector", _("Choose the inspector: a person or a role."))
        elif role == InspectorRole.DEPARTMENT_HEAD:
            department = data.get("department") or (data["area"].department if data.get("area") else None)
            if department is None:
                self.add_error(
                    "inspector_role",
                    _("“Head of the scoped department” needs a department, or an area with a responsible department."),
                )
        return data


class InspectionCreateForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Checklist"), queryset=ChecklistTemplate.objects.filter(is_current=True))
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    inspector = forms.ModelChoiceField(label=_("Inspector"), queryset=get_user_model().objects.none())
    due_date = core_fields.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas()
        self.fields["inspector"].queryset = inspector_choices()
        self.fields["due_date"].initial = timezone.localdate()


# --- execution ------------------------------------------------------------------------------------


class ResultForm(forms.Form):
    outcome = forms.ChoiceField(choices=[("", "—"), *InspectionResult.Outcome.choices], required=False)
    note = forms.CharField(required=False, max_length=2000)
    photo = PhotoField()


class FinishForm(MoveForm):
    """The finish move: the inspector signs with their name (offered filled in) and may sum up."""

    signature_name = core_fields.TextField(
        label=_("Signed by (your name)"),
        max_length=150,
        help_text=_("Each failed item becomes a hazard for the safety officers to assess."),
    )
    summary = core_fields.TextField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["signature_name"].initial = self.user.get_full_name()


# --- equipment ------------------------------------------------------------------------------------


class EquipmentForm(forms.ModelForm):
    class Meta:
        model = Equipment
        fields = [
            "code",
            "kind",
            "area",
            "location_note",
            "serial_number",
            "check_interval_days",
            "next_check_due",
            "expires_on",
        ]
        widgets = {
            "next_check_due": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
        }
        field_classes = {"next_check_due": core_fields.DateField, "expires_on": core_fields.DateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas()
        self.fields["next_check_due"].required = False


class EquipmentCheckForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Result"), choices=EquipmentCheck.Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    photo = PhotoField()

    def clean(self):
        data = super().clean()
        if data.get("outcome") == EquipmentCheck.Outcome.FAIL and not (data.get("note") or "").strip():
            self.add_error("note", _("Say what is wrong."))
        return data


# --- appliances and visitors ----------------------------------------------------------------------


class ApplianceRequestForm(forms.Form):
    appliance = forms.CharField(label=_("Appliance"), max_length=200)
    power_watts = forms.IntegerField(label=_("Power (W)"), min_value=1, max_value=100000)
    area = forms.ModelChoiceField(label=_("Where it will be used"), queryset=Area.objects.none())
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas()


class ApplianceRejectForm(MoveForm):
    comment = core_fields.TextField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give a reason for the rejection.")},
    )


class VisitForm(forms.Form):
    visitor_name = forms.CharField(label=_("Visitor's name"), max_length=150)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    host = forms.CharField(
        label=_("Host (user name)"),
        max_length=150,
        help_text=_("Type a name and pick the person from the list."),
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    area = forms.ModelChoiceField(label=_("Area allowed"), queryset=Area.objects.none())
    badge_number = forms.CharField(label=_("Badge number"), max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas()
        self.fields["host"].widget.attrs.update({"list": "host-options", "autocomplete": "off"})

    def clean_host(self):
        User = get_user_model()
        value = self.cleaned_data["host"].strip()
        user = User.objects.filter(is_active=True).filter(Q(username=value) | Q(employee_number=value)).first()
        if user is None:
            raise forms.ValidationError(_("No active person with this user name."))
        return user
