"""The person picker: a search box backed by ``organization:person_autocomplete``.

Use :class:`PersonChoiceField` in any form (``PersonChoiceField(queryset=person_list(user=...))``); it
renders ``organization/widgets/person_picker.html``, which pages can also ``{% include %}`` directly
with ``name``, ``value``, ``label`` and ``url``.
"""

from django import forms
from django.urls import reverse_lazy

from apps.core.params import parse_id


class PersonAutocompleteWidget(forms.Widget):
    template_name = "organization/widgets/person_picker.html"

    def __init__(self, attrs=None, url=None):
        super().__init__(attrs)
        self.url = url or reverse_lazy("organization:person_autocomplete")
        self.choices_queryset = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        label = ""
        if value not in (None, "") and self.choices_queryset is not None:
            # Look the name up within the field's own choices: a posted id outside them (another
            # department's person) must not reveal that person's name when the form is shown again.
            pk = parse_id(value)  # what was posted: "abc" or "²" is nobody
            person = self.choices_queryset.filter(pk=pk).first() if pk is not None else None
            label = str(person) if person else ""
        context["widget"].update({"url": str(self.url), "label": label})
        return context


class PersonChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over people that renders as an autocomplete, never as a <select> of everyone."""

    widget = PersonAutocompleteWidget

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.choices_queryset = self._queryset

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)
