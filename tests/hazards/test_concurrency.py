"""Two people click "sign off" on the same hazard at the same moment: exactly one succeeds."""

import threading

import pytest
from django.db import close_old_connections, connection

from apps.core.exceptions import Conflict
from apps.core.selectors import timeline_for
from apps.hazards.models import Hazard
from apps.hazards.services import hazard_raise, hazard_sign_off
from tests.conftest import skip_or_fail
from tests.hazards.conftest import walk
from tests.organization.factories import AreaFactory, UserFactory


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_threads_signing_off_the_same_hazard_exactly_one_succeeds(personas):
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL for real row locks (set DATABASE_URL)")
    p = personas
    area = AreaFactory(department=p["employee"].department)
    hazard = hazard_raise(title="Loose cable", description="", reporter=p["employee"], area=area)
    walk(hazard, to="rectify", officer=p["officer"], head=p["head"], employee=p["employee"])
    head = p["head"]
    same_head_again = UserFactory._meta.model.objects.get(pk=head.pk)  # the head, clicking in a second tab

    barrier = threading.Barrier(2)
    results = []

    def sign_off(user):
        try:
            barrier.wait(timeout=10)
            hazard_sign_off(hazard=Hazard.objects.get(pk=hazard.pk), user=user, comment=f"by thread {user.pk}")
            results.append("ok")
        except Conflict:
            results.append("conflict")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=sign_off, args=(u,)) for u in (head, same_head_again)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(results) == ["conflict", "ok"]
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.SIGNED_OFF
    assert [e.action for e in timeline_for(hazard)].count("sign_off") == 1
