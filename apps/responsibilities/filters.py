"""The filters of the responsibilities app's lists (meetings, action items, a plan's tasks, the statements'
completion). Their templates draw their own controls from the choices the views pass, so these stay plain
forms of query parameters; a filter that does not validate is ignored and the list keeps its defaults."""

from django import forms

from .forms import MAX_ID
from .models import Action, Meeting, Statement, Task


class MeetingFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "")] + Meeting.Status.choices, required=False)
    type = forms.ChoiceField(choices=[("", "")] + Meeting.Type.choices, required=False)

    def apply(self, qs):
        if self.is_valid():
            for name in ("status", "type"):
                if self.cleaned_data.get(name):
                    qs = qs.filter(**{name: self.cleaned_data[name]})
        return qs


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", ""), ("all", "all")] + Action.Status.choices, required=False)
    mine = forms.BooleanField(required=False)


class TaskFilterForm(forms.Form):
    month = forms.IntegerField(min_value=1, max_value=12, required=False)
    status = forms.ChoiceField(choices=[("", "")] + Task.Status.choices, required=False)
    owner = forms.IntegerField(min_value=1, max_value=MAX_ID, required=False)

    def filters(self):
        return self.cleaned_data if self.is_valid() else {}


class StatusFilterForm(forms.Form):
    department = forms.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    status = forms.ChoiceField(choices=[("", "")] + Statement.Status.choices, required=False)
