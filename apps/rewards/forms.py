"""Forms parse and bound the input (amounts, dates, years, quarters, weights); the services decide.
Person pickers are autocompletes (``apps.organization.widgets``), never a <select> of everyone."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.fields import DateField
from apps.core.forms import style_filter_form
from apps.core.permissions import is_officer
from apps.core.workflow import MoveForm
from apps.organization.models import Department
from apps.organization.selectors import person_list
from apps.organization.widgets import PersonChoiceField

from .models import MAX_AMOUNT, Decision, ScoreWeights

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_EVIDENCE = 20
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AppealForm(MoveForm):
    comment = forms.CharField(
        label=_("Your statement"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say why the penalty should be reconsidered."),
    )  # fmt: skip


def departments_for(user):
    """The departments a user may propose for: all for safety officers, a head's own."""
    if is_officer(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=user.headed_department_ids)


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Decision.Kind.choices)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    person = PersonChoiceField(
        label=_("Person"), queryset=None, required=False,
        help_text=_("Leave empty for a decision about the whole department."),
    )  # fmt: skip
    reason = forms.CharField(label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    amount = forms.DecimalField(
        label=_("Amount (CNY)"), required=False, min_value=Decimal("0.01"), max_value=MAX_AMOUNT, max_digits=9,
        decimal_places=2, help_text=_("For a bonus or a fine only."),
    )  # fmt: skip
    effective_date = DateField(label=_("Effective date"), widget=DATE)
    evidence = forms.CharField(
        label=_("Evidence (record numbers)"), required=False, max_length=1000,
        help_text=_("Hazard or incident numbers, separated by spaces or commas, e.g. YH-2026-0007."),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_for(user)
        self.fields["person"].queryset = person_list(user=user).filter(is_active=True)
        if not self.is_bound:
            self.initial.setdefault("effective_date", timezone.localdate())

    def clean_evidence(self):
        raw = self.cleaned_data.get("evidence") or ""
        numbers = [n.strip().upper() for n in raw.replace(",", " ").replace("，", " ").split() if n.strip()]
        numbers = list(dict.fromkeys(numbers))
        if len(numbers) > MAX_EVIDENCE:
            raise forms.ValidationError(_("At most %(n)d records.") % {"n": MAX_EVIDENCE})
        if any(len(n) > 40 for n in numbers):
            raise forms.ValidationError(_("That is not a record number."))
        return numbers


QUARTERS = [("", _("Whole year")), ("1", _("Q1")), ("2", _("Q2")), ("3", _("Q3")), ("4", _("Q4"))]


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int, required=False,
                                     empty_value=None)  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_filter_form(self)

    def period(self):
        """(year, quarter or None), the current year when not given or invalid."""
        today = timezone.localdate()
        if self.is_valid():
            return self.cleaned_data.get("year") or today.year, self.cleaned_data.get("quarter")
        return today.year, None


class WeightsForm(forms.ModelForm):
    class Meta:
        model = ScoreWeights
        fields = list(ScoreWeights.FIELDS)

    def clean(self):
        data = super().clean()
        if not self.errors and sum(data.get(f) or 0 for f in ScoreWeights.FIELDS) == 0:
            raise forms.ValidationError(_("At least one weight must be above zero."))
        return data


class SuggestionForm(forms.Form):
    key = forms.CharField(max_length=120)
    year = forms.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR)
    quarter = forms.TypedChoiceField(choices=QUARTERS, coerce=int, required=False, empty_value=None)
