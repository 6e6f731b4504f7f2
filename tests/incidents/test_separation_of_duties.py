"""Whoever did the work does not approve it (issue 9): the owner of a corrective action, or whoever
marked it done, may not check its effectiveness; the page does not offer it and says who will."""

import pytest
from django.utils import timezone

from apps.core.exceptions import NotAllowed
from apps.incidents.models import CorrectiveAction, Incident
from apps.incidents.services import action_check, action_complete
from tests.incidents.factories import ActionFactory, IncidentFactory
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_officer(db):
    return UserFactory(username="officer2", role="officer")


def _action(owner, reporter, **extra):
    incident = IncidentFactory(reporter=reporter, status=Incident.Status.ACTIONS)
    return ActionFactory(incident=incident, owner=owner, check_due=timezone.localdate(), **extra)


def test_an_officer_who_owns_an_action_may_not_confirm_its_effectiveness(officer, employee):
    action = _action(officer, employee)
    action_complete(action=action, user=officer, evidence="Signs put up")
    with pytest.raises(NotAllowed):
        action_check(action=action, user=officer, effective=True)
    action.refresh_from_db()
    assert action.status == CorrectiveAction.Status.DONE and action.checked_by is None


def test_an_officer_who_marked_anothers_action_done_may_not_check_it(officer, employee):
    action = _action(employee, employee)
    action_complete(action=action, user=officer, evidence="Done on the owner's behalf")
    with pytest.raises(NotAllowed):
        action_check(action=action, user=officer, effective=True)


def test_another_officer_confirms_the_effectiveness_of_an_officers_action(officer, second_officer, employee):
    action = _action(officer, employee)
    action_complete(action=action, user=officer, evidence="Signs put up")
    action_check(action=action, user=second_officer, effective=True, note="Seen in use")
    action.refresh_from_db()
    assert (action.status, action.checked_by) == (CorrectiveAction.Status.CLOSED, second_officer)


def test_the_page_does_not_offer_the_check_to_the_owner_and_says_who_will(client, officer, employee):
    action = _action(officer, employee, status=CorrectiveAction.Status.DONE, completed_by=officer)
    client.force_login(officer)
    html = client.get(action.incident.get_absolute_url()).content.decode()
    row = html.split(f'id="action-{action.pk}"')[1].split("</li>")[0]
    assert "check-form" not in row
    assert "another safety officer checks its effectiveness" in row


def test_the_page_offers_the_check_to_an_officer_who_did_not_do_the_work(client, officer, second_officer, employee):
    action = _action(officer, employee, status=CorrectiveAction.Status.DONE, completed_by=officer)
    client.force_login(second_officer)
    row = client.get(action.incident.get_absolute_url()).content.decode().split(f'id="action-{action.pk}"')[1]
    assert "check-form" in row.split("</li>")[0]


def test_posting_the_check_as_the_owner_is_refused(client, officer, employee):
    action = _action(officer, employee, status=CorrectiveAction.Status.DONE, completed_by=officer)
    client.force_login(officer)
    response = client.post(f"/incidents/actions/{action.pk}/confirm-effective/", {"confirm_effective-comment": ""})
    action.refresh_from_db()
    assert response.status_code == 403 and action.status == CorrectiveAction.Status.DONE
