from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import fields as core_fields
from apps.core.bounds import MAX_ID
from apps.core.uploads import inspect_image

from .csv_import import MAX_IMPORT_BYTES, ImportFileError, decode_upload
from .models import Area, CompanyProfile, Department, Floor, Post, Site, User
from .selectors import HISTORY_LABELS, floor_choices, person_list
from .services import AREA_FIELDS, COMPANY_FIELDS, DEPARTMENT_FIELDS, FLOOR_FIELDS, POST_FIELDS, SITE_FIELDS
from .widgets import PersonChoiceField


class PersonForm(forms.ModelForm):
    """Field checks and uniqueness; the service does the writing (and fires the hooks)."""

    class Meta:
        model = User
        fields = [
            "full_name",
            "username",
            "email",
            "employee_number",
            "department",
            "post",
            "hire_date",
            "phone",
            "role",
            "is_active",
        ]
        widgets = {"hire_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        field_classes = {"hire_date": core_fields.DateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["department"].required = True
        self.fields["post"].required = True
        self.fields["is_active"].help_text = _("Inactive people cannot sign in and get no reminders.")


class DepartmentForm(forms.ModelForm):
    head = PersonChoiceField(queryset=User.objects.none(), required=False, label=_("Head"))

    class Meta:
        model = Department
        fields = list(DEPARTMENT_FIELDS)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = person_list(user=user).filter(is_active=True)


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = list(POST_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = list(SITE_FIELDS)


class CompanyProfileForm(forms.ModelForm):
    """The letterhead: names and address in both languages, phone, and an optional logo image."""

    logo = core_fields.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A JPEG, PNG, WebP or GIF image; it is printed at the top of every document."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    class Meta:
        model = CompanyProfile
        fields = list(COMPANY_FIELDS)

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if upload:
            inspect_image(upload)
        return upload


class FloorForm(forms.ModelForm):
    class Meta:
        model = Floor
        fields = list(FLOOR_FIELDS)


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = list(AREA_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["floor"].queryset = floor_choices()


CSV_CONTENT_TYPES = {
    "text/csv",
    "text/plain",
    "application/csv",
    "application/vnd.ms-excel",
    "text/comma-separated-values",
}


class PersonImportForm(forms.Form):
    file = forms.FileField(
        label=_("HR export (CSV)"),
        help_text=_(
            "UTF-8 CSV with the columns employee_number, full_name, department, post and optionally "
            "username, email, hire_date (YYYY-MM-DD), phone, role, active."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is too large; the limit is %(limit)s KB.") % {"limit": MAX_IMPORT_BYTES // 1024}
            )
        name = (upload.name or "").lower()
        content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
        if not (name.endswith((".csv", ".txt")) or content_type in CSV_CONTENT_TYPES):
            raise forms.ValidationError(_("Upload a .csv file (in Excel: Save as → “CSV UTF-8”)."))
        try:
            self.cleaned_data["text"] = decode_upload(upload.read())
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


class HistoryFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Record type"), required=False, choices=[("", _("All"))] + list(HISTORY_LABELS.items())
    )
    object = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
