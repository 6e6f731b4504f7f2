"""Raising an action as a hazard goes through apps.hazards.services.hazard_raise (the hazards contract)."""

import pytest

from apps.incidents.models import CorrectiveAction, Incident
from apps.incidents.services import action_raise_hazard
from tests.incidents.factories import ActionFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def test_an_action_raised_as_a_hazard_links_the_hazard_and_counts_as_handed_over(employee, officer):
    from apps.hazards.selectors import hazards_for_source

    incident = IncidentFactory(reporter=employee, status=Incident.Status.ACTIONS, type="electrical")
    action = ActionFactory(incident=incident, owner=employee, description="Replace the frayed cable")
    action = action_raise_hazard(action=action, user=officer)
    assert action.status == CorrectiveAction.Status.HAZARD and action.counts_as_closed
    hazard = hazards_for_source(action).get()
    assert hazard.source == action  # the hazard page links back to the action, the action page to the hazard
    assert hazard.category == "electrical"
