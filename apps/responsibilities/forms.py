"""Forms parse and bound the input (years, months, amounts, dates, files); the services decide.
Person pickers are autocompletes (``apps.organization.widgets``), never a <select> of everyone."""

import datetime
import string
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import fields as core_fields
from apps.core.metrics import metric_choices
from apps.core.uploads import DOCUMENTS
from apps.core.workflow import MoveForm
from apps.organization.models import Area, Department
from apps.organization.selectors import person_list
from apps.organization.widgets import PersonChoiceField

from .models import BudgetLine, Meeting, Objective, StatementTemplate
from .rules import is_preparer

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_AMOUNT = Decimal("999999999.99")
MAX_ID = 2**31 - 1  # ids in query strings are bounded, so a bad one never reaches the database
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def year_field(**kwargs):
    return forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


def amount_field(label, **kwargs):
    return forms.DecimalField(
        label=label, min_value=Decimal("0.01"), max_value=MAX_AMOUNT, max_digits=12, decimal_places=2, **kwargs
    )


def people(user):
    return person_list(user=user).filter(is_active=True)


def departments_for(user):
    """The departments a user may prepare for: all for officers and management, a head's own."""
    if is_preparer(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=user.headed_department_ids)


class YearForm(forms.Form):
    """``?year=`` on the overview pages: bounded, so a bad query string never reaches a date constructor."""

    year = year_field(required=False)

    def chosen_year(self):
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return timezone.localdate().year


# ---------------------------------------------------------------------------------------------- objectives


class ObjectiveForm(forms.ModelForm):
    metric = forms.ChoiceField(label=_("Measured by"), required=False)
    target = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2, min_value=0, max_value=MAX_AMOUNT)
    year = year_field()

    class Meta:
        model = Objective
        fields = ["year", "title", "title_zh", "description", "department", "parent", "owner", "metric",
                  "direction", "target", "unit", "clause_ref"]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [("", _("— a figure entered by hand —")), *metric_choices()]
        self.fields["owner"] = PersonChoiceField(label=_("Owner"), queryset=people(user))
        self.fields["department"].queryset = departments_for(user)
        if not is_preparer(user):  # a department head prepares their own department's objectives only
            self.fields["department"].required = True
        year = self.initial.get("year") or (self.instance.year if self.instance.pk else timezone.localdate().year)
        self.fields["parent"].queryset = Objective.objects.filter(department__isnull=True, year=year)
        self.fields["parent"].help_text = _("For a department objective: the company objective it breaks down.")


class FigureForm(forms.Form):
    date = core_fields.DateField(label=_("Date"), widget=DATE)
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2, min_value=-MAX_AMOUNT,
                               max_value=MAX_AMOUNT)  # fmt: skip
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


# ---------------------------------------------------------------------------------------------- budget


class BudgetForm(forms.Form):
    year = year_field()
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=BudgetLine.Category.choices)
    description = forms.CharField(label=_("Description"), max_length=300)
    amount_requested = amount_field(_("Requested (CNY)"))


class SpendingForm(forms.Form):
    date = core_fields.DateField(label=_("Date"), widget=DATE)
    amount = amount_field(_("Amount (CNY)"))
    description = forms.CharField(label=_("Description"), max_length=300)
    attachment = core_fields.FileField(label=_("Invoice or receipt"), required=False, allowed=DOCUMENTS)
    request_override = forms.BooleanField(
        label=_("If this passes the approved amount, ask management to approve it"), required=False
    )


class FundsDrawForm(SpendingForm):
    """Spending that funds a record of another module (a major hazard's rectification)."""

    line = forms.ModelChoiceField(label=_("Budget line"), queryset=BudgetLine.objects.none())
    field_order = ["line", "date", "amount", "description", "attachment", "request_override"]

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = BudgetLine.objects.filter(
            budget__year=year, budget__status="approved"
        ).select_related("budget")


# ---------------------------------------------------------------------------------------------- work plan


class WorkPlanForm(forms.Form):
    year = year_field()
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    copy_from = forms.BooleanField(label=_("Copy the tasks of the year before"), required=False)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Title (English)"), max_length=200)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    month = forms.TypedChoiceField(
        label=_("Month"), coerce=int, choices=[(m, datetime.date(2000, m, 1).strftime("%m")) for m in range(1, 13)]
    )
    owner = PersonChoiceField(label=_("Owner"), queryset=None)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all(), required=False)
    clause_ref = forms.CharField(label=_("Regulation clause"), max_length=20, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people(user)


class TaskDoneForm(MoveForm):
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


# ---------------------------------------------------------------------------------------------- meetings


class MeetingForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), choices=Meeting.Type.choices)
    title = forms.CharField(label=_("Title (English)"), max_length=200)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    starts_at = core_fields.DateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, max_value=24 * 60, initial=60)
    area = forms.ModelChoiceField(label=_("Place"), queryset=Area.objects.none(), required=False)
    location_detail = forms.CharField(label=_("Place details"), max_length=200, required=False)
    chair = PersonChoiceField(label=_("Chair"), queryset=None)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False,
        help_text=_("For a department meeting."),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = people(user)
        self.fields["department"].queryset = departments_for(user)
        self.fields["area"].queryset = Area.objects.filter(is_active=True).select_related("floor__site")
        self.fields["area"].label_from_instance = lambda a: a.full_name


class InviteForm(forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=None, required=False)
    department = forms.ModelChoiceField(
        label=_("Or everyone in a department"), queryset=Department.objects.all(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people(user)

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("department"):
            raise ValidationError(_("Choose a person or a department."))
        return data


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(label=_("Attendance"), choices=[])
    absence_reason = forms.CharField(label=_("Reason for absence"), max_length=300, required=False)
    delegate = PersonChoiceField(label=_("Delegate"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Invitation

        self.fields["attendance"].choices = Invitation.Attendance.choices
        self.fields["delegate"].queryset = people(user)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=300)
    presenter = PersonChoiceField(label=_("Reported by"), queryset=None, required=False)
    notes = forms.CharField(label=_("Report heard"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = people(user)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    action_title = forms.CharField(label=_("Action item"), max_length=300, required=False,
                                   help_text=_("Leave empty when the decision needs no follow-up."))  # fmt: skip
    owner = PersonChoiceField(label=_("Action owner"), queryset=None, required=False)
    due_date = core_fields.DateField(label=_("Due date"), widget=DATE, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people(user)

    def clean(self):
        data = super().clean()
        wants_action = data.get("action_title") or data.get("owner") or data.get("due_date")
        if wants_action and not (data.get("action_title") and data.get("owner") and data.get("due_date")):
            raise ValidationError(_("An action item needs a title, an owner and a due date."))
        return data


class MinutesForm(MoveForm):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}))


class ActionDoneForm(MoveForm):
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = core_fields.FileField(label=_("Evidence (photo or document)"), required=False, allowed=DOCUMENTS)


# ---------------------------------------------------------------------------------------------- statements


class SignForm(MoveForm):
    confirm_read = forms.BooleanField(label=_("I have read the full text of this statement and accept it."))
    typed_name = forms.CharField(
        label=_("Type your full name to sign"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )


class CountersignForm(MoveForm):
    typed_name = forms.CharField(
        label=_("Type your full name to countersign"), max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )  # fmt: skip


class IssueForm(forms.Form):
    year = year_field()


def check_placeholders(text):
    """Only the known placeholders, well formed: a typo must not break every statement of the year."""
    try:
        names = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
    except ValueError:
        raise ValidationError(_("A brace is not closed. Placeholders look like {name}.")) from None
    unknown = names - set(StatementTemplate.PLACEHOLDERS)
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. Use %(known)s.")
            % {
                "names": ", ".join(sorted(f"{{{n}}}" for n in unknown)),
                "known": ", ".join(f"{{{n}}}" for n in StatementTemplate.PLACEHOLDERS),
            }
        )
    return text


class StatementTemplateForm(forms.ModelForm):
    year = year_field()

    class Meta:
        model = StatementTemplate
        fields = ["year", "level", "post", "title", "title_zh", "body", "body_zh", "duties", "duties_zh"]
        widgets = {f: forms.Textarea(attrs={"rows": 8}) for f in ("body", "body_zh", "duties", "duties_zh")}

    def clean_body(self):
        return check_placeholders(self.cleaned_data["body"])

    def clean_body_zh(self):
        return check_placeholders(self.cleaned_data["body_zh"])
