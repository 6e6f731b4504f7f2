import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop

from apps.core.selectors import timeline_for
from apps.core.services import timeline_record
from apps.hazards.models import Hazard
from tests.hazards.factories import HazardFactory


@pytest.mark.django_db
def test_timeline_stores_a_lazy_action_in_english_whatever_the_actors_language(employee):
    with translation.override("zh-hans"):
        entry = timeline_record(subject=employee, actor=employee, action=gettext_lazy("Reopen"))
    assert entry.action == "Reopen"


@pytest.mark.django_db
def test_timeline_shows_actions_and_states_in_the_readers_language(employee):
    timeline_record(subject=employee, actor=employee, action=gettext_noop("approved"), to_state="x-unknown-state")
    with translation.override("zh-hans"):
        html = render_to_string("inc/timeline.html", {"timeline": timeline_for(employee)})
    assert "approved" not in html
    assert "x-unknown-state" in html  # a model without Status choices shows the raw value


@pytest.mark.django_db
def test_timeline_shows_a_status_value_as_the_models_status_label(employee):
    hazard = HazardFactory()
    timeline_record(subject=hazard, actor=employee, action=gettext_noop("approved"), to_state=Hazard.Status.CLOSED)
    with translation.override("zh-hans"):
        html = render_to_string("inc/timeline.html", {"timeline": timeline_for(hazard)})
        label = str(Hazard.Status.CLOSED.label)
    assert label != Hazard.Status.CLOSED.value
    assert label in html
