"""Two members of management approve the same proposal at once (PostgreSQL): one transition, one
timeline row; the other gets a clear conflict."""

import pytest

from apps.core.exceptions import Conflict
from apps.core.selectors import timeline_for
from apps.rewards import services
from apps.rewards.models import Decision
from tests.concurrency import at_once, require_postgresql
from tests.organization.factories import UserFactory
from tests.rewards.factories import propose

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_approvals_at_once_make_one_transition(personas):
    require_postgresql()
    deputy = UserFactory(username="deputy", role="management", department=personas["manager"].department)
    d = propose(personas["officer"], person=personas["employee"])

    def approve(user):
        return lambda: services.decision_approve(decision=Decision.objects.get(pk=d.pk), user=user)

    results = at_once(approve(personas["manager"]), approve(deputy))
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "Decision"], results
    assert isinstance([r for r in results if not isinstance(r, Decision)][0], Conflict)
    d.refresh_from_db()
    assert d.status == Decision.Status.APPROVED
    assert [e.action for e in timeline_for(d)] == ["propose", "approve"]
