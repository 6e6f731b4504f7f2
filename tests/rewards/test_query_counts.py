"""Lists cost a fixed number of queries whatever their length (rule 9), at two sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.organization.factories import UserFactory
from tests.rewards.factories import decision_in

pytestmark = pytest.mark.django_db

STATES = ("proposed", "announced", "notified", "appealed")


def _make(p, n):
    for i in range(n):
        person = UserFactory(department=p["employee"].department)
        state = STATES[i % len(STATES)]
        decision_in(state, p, person=person, kind="fine" if state in ("notified", "appealed") else "commendation")


@pytest.mark.parametrize("url_name", ["rewards:decision_list", "rewards:notice_board"])
@pytest.mark.parametrize("who", ["officer", "head", "employee"])
def test_the_lists_cost_the_same_at_two_sizes(personas, client, url_name, who):
    client.force_login(personas[who])
    url = reverse(url_name)
    _make(personas, 4)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _make(personas, 8)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
