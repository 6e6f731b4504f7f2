"""Two people click "sign off" on the same hazard at the same moment: exactly one succeeds."""

import pytest

from apps.core.selectors import timeline_for
from apps.hazards.models import Hazard
from apps.hazards.services import hazard_raise, hazard_sign_off
from tests.concurrency import at_once, require_postgresql
from tests.hazards.conftest import walk
from tests.organization.factories import AreaFactory, UserFactory


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_threads_signing_off_the_same_hazard_exactly_one_succeeds(personas):
    require_postgresql()
    p = personas
    area = AreaFactory(department=p["employee"].department)
    hazard = hazard_raise(title="Loose cable", description="", reporter=p["employee"], area=area)
    walk(hazard, to="rectify", officer=p["officer"], head=p["head"], employee=p["employee"])
    head = p["head"]
    same_head_again = UserFactory._meta.model.objects.get(pk=head.pk)  # the head, clicking in a second tab

    def sign_off(user):
        return lambda: hazard_sign_off(hazard=Hazard.objects.get(pk=hazard.pk), user=user, comment=f"by {user.pk}")

    results = at_once(sign_off(head), sign_off(same_head_again))

    assert sorted(type(r).__name__ for r in results) == ["Conflict", "Hazard"]
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.SIGNED_OFF
    assert [e.action for e in timeline_for(hazard)].count("sign_off") == 1
