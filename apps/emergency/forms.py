import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import fields as core_fields
from apps.core.bounds import MAX_INTERVAL_MONTHS
from apps.core.forms import DateInput, DateTimeLocalInput, StyledForm
from apps.core.workflow import MoveForm
from apps.organization.models import Area, Site
from apps.organization.widgets import PersonChoiceField

from .models import MAX_EVACUATION_MINUTES, ContingencyPlan, Drill, Scenario, TeamRole


def _site_choices():
    return Site.objects.order_by("name", "id")


class PlanCreateForm(StyledForm):
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    code = forms.SlugField(label=_("Code"), max_length=40)
    scenario = forms.ChoiceField(label=_("Scenario"), choices=Scenario.choices)
    drill_interval_months = forms.IntegerField(
        label=_("Drill at least every (months)"), min_value=1, max_value=MAX_INTERVAL_MONTHS, initial=6
    )


class PlanVersionForm(StyledForm):
    purpose = forms.CharField(label=_("Purpose and scope (English)"), widget=forms.Textarea(attrs={"rows": 2}))
    purpose_zh = forms.CharField(
        label=_("Purpose and scope (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    effective_date = core_fields.DateField(label=_("Effective date"), widget=DateInput(), required=False)
    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False)
    steps = forms.CharField(
        label=_("Steps"),
        widget=forms.Textarea(attrs={"rows": 10, "class": "font-monospace"}),
        help_text=_("One step per line: role | English text | Chinese text. Roles: %(roles)s")
        % {"roles": ", ".join(TeamRole.values)},
    )

    def clean_steps(self):
        steps = []
        roles = set(TeamRole.values)
        for n, line in enumerate(self.cleaned_data["steps"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 2 or parts[0] not in roles or not parts[1]:
                raise forms.ValidationError(_("Line %(n)d: write “role | English text | Chinese text”.") % {"n": n})
            steps.append({"role": parts[0], "text": parts[1], "text_zh": parts[2] if len(parts) > 2 else ""})
        if not steps:
            raise forms.ValidationError(_("Write at least one step."))
        return steps

    @staticmethod
    def steps_text(version):
        return "\n".join(f"{s.role} | {s.text} | {s.text_zh}" for s in version.plan_steps.all())


class TeamMemberForm(StyledForm):
    person = PersonChoiceField(label=_("Member"), scope="visible")
    team_role = forms.ChoiceField(label=_("Team role"), choices=[c for c in TeamRole.choices if c[0] != "everyone"])
    deputy = PersonChoiceField(label=_("Deputy"), scope="visible", required=False)
    phone = forms.CharField(label=_("Emergency phone"), max_length=40, required=False)
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = _site_choices()


class DrillScheduleForm(StyledForm):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=ContingencyPlan.objects.none())
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    planned_at = core_fields.DateTimeField(label=_("Planned for"), widget=DateTimeLocalInput())
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    participants = forms.CharField(
        label=_("Participants"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("User names or employee numbers, separated by commas or new lines."),
    )
    departments = core_fields.ModelMultipleChoiceField(
        label=_("Everyone in these departments"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        from apps.organization.models import Department

        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ContingencyPlan.objects.filter(is_active=True)
        self.fields["site"].queryset = _site_choices()
        self.fields["departments"].queryset = Department.objects.order_by("name", "id")

    def clean_participants(self):
        User = get_user_model()
        keys = [k.strip() for k in self.cleaned_data["participants"].replace(",", "\n").splitlines() if k.strip()]
        people = list(User.objects.filter(Q(username__in=keys) | Q(employee_number__in=keys), is_active=True))
        found = {p.username for p in people} | {p.employee_number for p in people}
        missing = [k for k in keys if k not in found]
        if missing:
            raise forms.ValidationError(_("Unknown people: %(names)s") % {"names": ", ".join(missing)})
        return people

    def clean_planned_at(self):
        value = self.cleaned_data["planned_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Plan the drill for a future time."))
        return value

    def all_participants(self):
        User = get_user_model()
        people = {p.pk: p for p in self.cleaned_data["participants"]}
        depts = self.cleaned_data.get("departments")
        if depts:
            for p in User.objects.filter(department__in=depts, is_active=True):
                people.setdefault(p.pk, p)
        return list(people.values())


class DrillRecordForm(MoveForm):
    """How the drill went (the move ``record``): actual times, attendance, evacuation time, evaluation."""

    started_at = core_fields.DateTimeField(label=_("Actual start"), widget=DateTimeLocalInput())
    ended_at = core_fields.DateTimeField(label=_("Actual end"), widget=DateTimeLocalInput())
    evacuation_minutes = forms.IntegerField(
        label=_("Evacuation time: minutes"), min_value=0, max_value=MAX_EVACUATION_MINUTES, required=False
    )
    evacuation_seconds = forms.IntegerField(label=_("seconds"), min_value=0, max_value=59, required=False)
    rating = forms.ChoiceField(label=_("Rating"), choices=Drill.Rating.choices)
    evaluation = forms.CharField(label=_("Evaluation"), widget=forms.Textarea(attrs={"rows": 4}))
    attended = forms.MultipleChoiceField(label=_("Attended"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drill = self.obj
        if drill is not None:
            self.fields["attended"].choices = [(str(a.person_id), str(a.person)) for a in drill.attendance.all()]
            if not self.is_bound:
                now = timezone.now()
                self.initial.update(
                    {
                        "started_at": timezone.localtime(min(drill.planned_at, now)),
                        "ended_at": timezone.localtime(min(drill.planned_at + datetime.timedelta(minutes=30), now)),
                        "attended": [str(a.person_id) for a in drill.attendance.all()],
                    }
                )

    def total_evacuation_seconds(self):
        m, s = self.cleaned_data.get("evacuation_minutes"), self.cleaned_data.get("evacuation_seconds")
        if m is None and s is None:
            return None
        return (m or 0) * 60 + (s or 0)

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "started_at": data["started_at"],
            "ended_at": data["ended_at"],
            "evacuation_seconds": self.total_evacuation_seconds(),
            "evaluation": data["evaluation"],
            "rating": data["rating"],
            "attended_ids": [int(x) for x in data["attended"]],
        }


class DrillProblemForm(StyledForm):
    description = forms.CharField(label=_("Problem found"), widget=forms.Textarea(attrs={"rows": 2}))
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    raise_hazard = forms.BooleanField(label=_("Raise it as a hazard now"), required=False)

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Area.objects.filter(is_active=True).select_related("floor__site")
        if site is not None:
            qs = qs.filter(floor__site=site)
        self.fields["area"].queryset = qs
        self.fields["area"].label_from_instance = lambda a: f"{a.floor} · {a.display_name}"


class CancelForm(MoveForm):
    """Why the drill is cancelled (the move ``cancel``)."""

    reason = forms.CharField(label=_("Reason for cancelling"), max_length=500)
