"""The inspection list's filter, shared by the list and its CSV export (``?format=csv``).

The values are parsed and bounded here (a state or "overdue", a yes/no, a search cleaned of control
characters and cut to 200 characters); the narrowing itself is ``selectors.inspections_filtered``, the
same the home panel and the metrics use. A refused value is named on the list page, which is shown
without it; an export refuses to run (the file would hold more than was asked for).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.params import clean_text

from . import selectors
from .models import Inspection

OVERDUE = "overdue"


class InspectionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="narrow")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=[(OVERDUE, _("Overdue")), *Inspection.Status.choices], method="narrow"
    )
    mine = django_filters.BooleanFilter(label=_("Mine"), widget=forms.CheckboxInput, method="narrow")

    class Meta:
        model = Inspection
        fields = []

    def narrow(self, queryset, name, value):
        if name == "q":
            value = clean_text(value, max_length=200)
        return selectors.inspections_filtered(queryset, user=self.request.user, filters={name: value})

    @property
    def values(self) -> dict:
        """The values in use (a refused one is left out), as the list's form shows them."""
        self.form.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        q = clean_text(data.get("q") or "", max_length=200)
        return {"q": q, "status": data.get("status") or "", "mine": bool(data.get("mine"))}
