from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import fields as core_fields
from apps.core import uploads
from apps.organization.models import Department, Post, Site
from apps.regulation.selectors import clause_choices

from .models import Document, DocumentVersion


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ClauseField(core_fields.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Clauses carried out"))
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 8}))
        super().__init__(queryset=clause_choices(), **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.ref} {obj.display_title}".strip()


class DocumentForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=40, help_text=_("e.g. AQ-GL-003"))
    title = forms.CharField(label=_("Title (English)"), max_length=200)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Document.Category.choices)
    owner_department = forms.ModelChoiceField(
        label=_("Owner department"), queryset=Department.objects.none(), required=False
    )
    clauses = ClauseField()

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_department"].queryset = Department.objects.order_by("name", "id")
        if editing:
            del self.fields["number"], self.fields["category"]


class VersionForm(forms.Form):
    body_kind = forms.ChoiceField(label=_("Body"), choices=DocumentVersion.Body.choices, widget=forms.RadioSelect)
    body = forms.CharField(
        label=_("Text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: # headings, **bold**, lists, tables. HTML is not allowed."),
    )  # fmt: skip
    body_zh = forms.CharField(label=_("Text (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 10}))
    structured = forms.CharField(
        label=_("Clauses"), required=False, widget=forms.Textarea(attrs={"rows": 12, "class": "font-monospace"}),
        help_text=_(
            "The regulation only: one clause per line, “R7.3 | 中文标题 | English title | 中文正文 | English text”."
        ),
    )  # fmt: skip
    upload = core_fields.FileField(
        label=_("File (PDF, Word or Excel)"), required=False, allowed={uploads.PDF, uploads.OFFICE}
    )
    effective_date = core_fields.DateField(label=_("Effective date"), required=False, widget=DateInput())
    review_date = core_fields.DateField(label=_("Review by"), required=False, widget=DateInput())
    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None and version.document.category != Document.Category.REGULATION:
            del self.fields["structured"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            upload.seek(0)  # checked by content (the field's ``allowed``): read from the start again
        return upload

    def clean(self):
        data = super().clean()
        effective, review = data.get("effective_date"), data.get("review_date")
        if effective and review and review <= effective:
            self.add_error("review_date", _("The review date must come after the effective date."))
        return data


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    everyone = forms.BooleanField(label=_("Everyone"), required=False)
    departments = core_fields.ModelMultipleChoiceField(
        label=_("Departments"), queryset=Department.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    posts = core_fields.ModelMultipleChoiceField(
        label=_("Posts"), queryset=Post.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    sites = core_fields.ModelMultipleChoiceField(
        label=_("Sites"), queryset=Site.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone in a department that has an area on the site."),
    )  # fmt: skip
    due_date = core_fields.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.order_by("name", "id")
        self.fields["posts"].queryset = Post.objects.order_by("name", "id")
        self.fields["sites"].queryset = Site.objects.order_by("name", "id")

    def clean_due_date(self):
        value = self.cleaned_data["due_date"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return value

    def clean(self):
        data = super().clean()
        if not (data.get("everyone") or data.get("departments") or data.get("posts") or data.get("sites")):
            raise forms.ValidationError(_("Choose who must acknowledge: everyone, or departments, posts or sites."))
        return data
