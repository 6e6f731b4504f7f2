"""Issue 12: the hazard list renders a bounded filter (the chosen site's areas, not every area) and pages by
ids first — the same rows in the same order, a deep page for the cost of the first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.hazards.models import Hazard
from tests.organization.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    first = AreaFactory(name="Pantry A")
    other_site = AreaFactory(name="Server room B")
    return first, other_site


def test_the_area_drop_down_lists_only_the_chosen_sites_areas(client, officer, areas):
    first, other = areas
    client.force_login(officer)
    html = client.get(reverse("hazards:hazard_list")).content.decode()
    assert "Pantry A" not in html and "Server room B" not in html
    html = client.get(reverse("hazards:hazard_list") + f"?site={first.floor.site_id}").content.decode()
    assert "Pantry A" in html and "Server room B" not in html


def test_an_area_from_the_risk_map_still_filters_and_shows_as_chosen(client, officer, areas):
    first, other = areas
    Hazard.objects.create(number="YH-1", title="In A", area=first, reporter=officer)
    Hazard.objects.create(number="YH-2", title="In B", area=other, reporter=officer)
    client.force_login(officer)
    html = client.get(reverse("hazards:hazard_list") + f"?area={first.pk}").content.decode()
    assert "YH-1" in html and "YH-2" not in html
    assert f'<option value="{first.pk}" selected>' in html


def test_pages_by_ids_first_give_the_rows_in_order_and_a_deep_page_costs_what_page_one_does(client, officer, areas):
    first, _other = areas
    Hazard.objects.bulk_create(
        Hazard(number=f"YH-{i:03d}", title=f"Hazard {i}", area=first, reporter=officer) for i in range(60)
    )
    client.force_login(officer)
    url = reverse("hazards:hazard_list")
    client.get(url)
    expected = list(Hazard.objects.order_by(*Hazard._meta.ordering).values_list("number", flat=True))
    seen = []
    counts = []
    for page in (1, 2, 3):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url + f"?page={page}")
        counts.append(len(queries))
        seen += [h.number for h in response.context["page"].object_list]
    assert seen == expected
    assert counts[0] == counts[2]
