from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from apps.core import fields as core_fields
from apps.core.bounds import MAX_INTERVAL_DAYS
from apps.core.exceptions import ApplicationError
from apps.core.forms import DateInput, DateTimeLocalInput, PhotosField, StyledForm
from apps.core.workflow import MoveForm
from apps.emergency.models import ContingencyPlan
from apps.organization.models import Area
from apps.organization.widgets import PersonChoiceField

from .models import CorrectiveAction, Incident, InvolvedPerson


def area_field(required=False):
    field = forms.ModelChoiceField(
        label=_("Where (area)"),
        queryset=Area.objects.filter(is_active=True).select_related("floor__site"),
        required=required,
    )
    field.label_from_instance = lambda a: a.full_name
    return field


class OccurredAtMixin:
    """The report form and the edit form refuse the same occurrence times as the services."""

    def clean_occurred_at(self):
        from .services import check_occurred_at

        value = self.cleaned_data["occurred_at"]
        try:
            check_occurred_at(value)
        except ApplicationError as exc:
            raise forms.ValidationError(exc.message) from None
        return value


class IncidentReportForm(OccurredAtMixin, StyledForm):
    occurred_at = core_fields.DateTimeField(label=_("When did it happen?"), widget=DateTimeLocalInput())
    type = forms.ChoiceField(label=_("Type"), choices=Incident.Type.choices)
    area = area_field()
    location_detail = forms.CharField(label=_("Exact spot"), max_length=200, required=False)
    description = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 4}))
    immediate_actions = forms.CharField(
        label=_("What was done immediately?"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    severity = forms.ChoiceField(label=_("How serious?"), choices=Incident.Severity.choices, initial="minor")
    photos = PhotosField(label=_("Photos"))


class InvolvedPersonForm(StyledForm):
    person = PersonChoiceField(label=_("Employee"), scope="colleagues", required=False)
    name = forms.CharField(label=_("or name (visitor, contractor)"), max_length=150, required=False)
    # Initial values are what an untouched row posts (the first choice, 0 days), so a row the reporter
    # never touched counts as unchanged and is skipped, like an empty one.
    role = forms.ChoiceField(label=_("Role"), choices=InvolvedPerson.Role.choices, initial=InvolvedPerson.Role.INJURED)
    injury_nature = forms.CharField(label=_("Nature of injury"), max_length=200, required=False)
    body_part = forms.CharField(label=_("Body part"), max_length=100, required=False)
    treatment = forms.ChoiceField(
        label=_("Treatment"), choices=InvolvedPerson.Treatment.choices, initial=InvolvedPerson.Treatment.NONE
    )
    lost_work_days = forms.IntegerField(
        label=_("Lost work days"), min_value=0, max_value=MAX_INTERVAL_DAYS, initial=0, required=False
    )

    def clean(self):
        data = super().clean()
        if self.has_changed() and not data.get("person") and not (data.get("name") or "").strip():
            raise forms.ValidationError(_("Pick the employee or write the person's name."))
        return data


# absolute_max: a posted TOTAL_FORMS of 99999 builds no more forms than may be saved.
InvolvedPersonFormSet = formset_factory(InvolvedPersonForm, extra=1, max_num=20, absolute_max=20, validate_max=True)


class IncidentEditForm(OccurredAtMixin, StyledForm):
    type = forms.ChoiceField(label=_("Type"), choices=Incident.Type.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Incident.Severity.choices)
    occurred_at = core_fields.DateTimeField(label=_("When"), widget=DateTimeLocalInput())
    area = area_field()
    location_detail = forms.CharField(label=_("Exact spot"), max_length=200, required=False)
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))
    immediate_actions = forms.CharField(
        label=_("Immediate actions"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ActivatePlanForm(StyledForm):
    plan = forms.ModelChoiceField(label=_("Contingency plan"), queryset=ContingencyPlan.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ContingencyPlan.objects.filter(is_active=True)


class AssignLeadForm(StyledForm):
    lead = PersonChoiceField(label=_("Investigation lead"), scope="visible")


class ExternalReportForm(StyledForm):
    required = forms.TypedChoiceField(
        label=_("Must the authority be told?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
    )
    authority = forms.CharField(label=_("Reported to"), max_length=200, required=False)
    reported_at = core_fields.DateTimeField(label=_("Reported at"), widget=DateTimeLocalInput(), required=False)
    reference = forms.CharField(label=_("Reference number"), max_length=100, required=False)


class InvestigationForm(StyledForm):
    cause_method = forms.ChoiceField(label=_("Root-cause method"), choices=Incident.CauseMethod.choices)
    why_1 = forms.CharField(label=_("Why? (1)"), max_length=500, required=False)
    why_2 = forms.CharField(label=_("Why? (2)"), max_length=500, required=False)
    why_3 = forms.CharField(label=_("Why? (3)"), max_length=500, required=False)
    why_4 = forms.CharField(label=_("Why? (4)"), max_length=500, required=False)
    why_5 = forms.CharField(label=_("Why? (5)"), max_length=500, required=False)
    cause_categories = forms.MultipleChoiceField(
        label=_("Cause categories"),
        choices=Incident.CauseCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    root_cause = forms.CharField(label=_("Root cause"), widget=forms.Textarea(attrs={"rows": 2}))
    contributing_factors = forms.CharField(
        label=_("Contributing factors"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    lessons_learned = forms.CharField(
        label=_("Lessons learned"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def service_kwargs(self):
        d = self.cleaned_data
        return {
            "cause_method": d["cause_method"],
            "whys": [d[f"why_{i}"] for i in range(1, 6)],
            "cause_categories": d["cause_categories"],
            "root_cause": d["root_cause"],
            "contributing_factors": d["contributing_factors"],
            "lessons_learned": d["lessons_learned"],
        }

    @classmethod
    def initial_for(cls, incident):
        initial = {
            "cause_method": incident.cause_method or Incident.CauseMethod.FIVE_WHYS,
            "cause_categories": incident.cause_categories,
            "root_cause": incident.root_cause,
            "contributing_factors": incident.contributing_factors,
            "lessons_learned": incident.lessons_learned,
        }
        for i, why in enumerate(incident.whys[:5], start=1):
            initial[f"why_{i}"] = why
        return initial


class EventForm(StyledForm):
    happened_at = core_fields.DateTimeField(label=_("Time"), widget=DateTimeLocalInput())
    description = forms.CharField(label=_("Event"), max_length=500)


class ActionForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=CorrectiveAction.Kind.choices)
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = PersonChoiceField(label=_("Owner"), scope="visible")
    due_date = core_fields.DateField(label=_("Due date"), widget=DateInput())
    check_due = core_fields.DateField(
        label=_("Effectiveness check on"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: 30 days after the action is done."),
    )


class ActionCompleteForm(MoveForm):
    """Mark an action done (the move ``complete``): what was done, with photos of the result."""

    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}))
    photos = PhotosField(label=_("Photos of the result"))


class CheckNoteForm(MoveForm):
    """The effectiveness check found the action effective: how it was verified (optional)."""

    comment = forms.CharField(
        label=_("How was effectiveness verified?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
    )


class NotEffectiveForm(MoveForm):
    """The effectiveness check found the action not effective: why (required)."""

    comment = forms.CharField(
        label=_("Why was it not effective?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 1})
    )


class CaseStudyForm(StyledForm):
    title = forms.CharField(label=_("Case title"), max_length=200, required=False)


class HoursForm(StyledForm):
    month = core_fields.DateField(
        label=_("Month"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    hours = forms.DecimalField(label=_("Hours worked"), min_value=0, max_digits=12, decimal_places=1)
