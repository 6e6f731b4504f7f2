"""Issue 12: the risk map counts in the database and, with several sites, opens one site's areas at a time;
the totals are those of every area, in as many queries for 40 hazards as for 4."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.hazards.models import Hazard
from apps.hazards.selectors import risk_map
from tests.organization.factories import AreaFactory

pytestmark = pytest.mark.django_db


def hazards(n, area, reporter, tag):
    Hazard.objects.bulk_create(
        Hazard(number=f"YH-{tag}-{i}", title="Loose cable", area=area, reporter=reporter,
               risk_level="red" if i == 0 else "blue", status="rectifying")
        for i in range(n)
    )  # fmt: skip


def test_several_sites_show_totals_and_one_sites_areas(client, officer):
    a, b = AreaFactory(name="Pantry A"), AreaFactory(name="Server room B")
    hazards(3, a, officer, "a")
    hazards(2, b, officer, "b")
    client.force_login(officer)
    html = client.get(reverse("hazards:hazard_map")).content.decode()
    assert "Pantry A" not in html and "Server room B" not in html
    assert 'data-count="3"' in html and 'data-count="2"' in html
    html = client.get(reverse("hazards:hazard_map") + f"?site={a.floor.site_id}").content.decode()
    assert "Pantry A" in html and "Server room B" not in html
    totals = {e["site"].pk: (e["count"], e["level"]) for e in risk_map(user=officer, expand=set())["sites"]}
    assert totals == {a.floor.site_id: (3, "red"), b.floor.site_id: (2, "red")}


def test_the_map_costs_as_many_queries_for_40_hazards_as_for_4(client, officer):
    a, _b = AreaFactory(), AreaFactory()
    client.force_login(officer)
    url = reverse("hazards:hazard_map") + f"?site={a.floor.site_id}"
    client.get(url)
    hazards(4, a, officer, "s")
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    hazards(36, a, officer, "l")
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large)
