"""The person picker: a search box backed by ``organization:person_autocomplete``.

Use :class:`PersonChoiceField` in any form. With ``scope="<name>"`` (a scope registered with
``selectors.register_person_scope``: ``"visible"``, the people the user may list, ``"colleagues"``,
those plus the user's own department, or an app's own) the search and the server-side validation use
the same people: the form gives the field its user (``apps.core.forms.StyledForm(user=...)``,
``MoveForm``), the field accepts only ``people_in_scope(scope, user)`` and the search box asks the
autocomplete for that scope. Without a scope, pass ``queryset=`` (what it accepts) as before.

It renders ``organization/widgets/person_picker.html``, which pages can also ``{% include %}``
directly with ``name``, ``value``, ``label`` and ``url``.
"""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse

from apps.core.params import parse_id

from .models import User
from .selectors import DEFAULT_PERSON_SCOPE, people_in_scope


class PersonAutocompleteWidget(forms.Widget):
    template_name = "organization/widgets/person_picker.html"

    def __init__(self, attrs=None, url=None):
        super().__init__(attrs)
        self.url = url
        self.scope = ""
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
        url = self.url or reverse("organization:person_autocomplete")
        if self.scope and self.scope != DEFAULT_PERSON_SCOPE:
            url = f"{url}?{urlencode({'scope': self.scope})}"
        context["widget"].update({"url": str(url), "label": label})
        return context


class PersonChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over people that renders as an autocomplete, never as a <select> of everyone."""

    widget = PersonAutocompleteWidget

    def __init__(self, *args, scope: str = "", queryset=None, **kwargs):
        self.scope = scope
        if queryset is None and "queryset" not in kwargs:
            queryset = User.objects.none()  # until the form gives the field its user
        super().__init__(queryset, *args, **kwargs)
        self.widget.scope = scope

    def bind_user(self, user) -> None:
        """Accept exactly the people the search of this field's scope offers ``user``."""
        if self.scope:
            self.queryset = people_in_scope(scope=self.scope, user=user).select_related("department")

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.choices_queryset = self._queryset

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)
