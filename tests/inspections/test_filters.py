"""The inspection list and its CSV export share one filter (apps/inspections/filters.py)."""

import datetime

import pytest
from django.utils import timezone

from tests.inspections.factories import InspectionFactory, make_template
from tests.organization.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(head, department):
    template = make_template(items=1, name="Fire walk")
    area = AreaFactory(department=department, name="Call-centre floor A")
    late = InspectionFactory(
        template=template, area=area, inspector=head, due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    later = InspectionFactory(
        template=template, area=area, inspector=head, due_date=timezone.localdate() + datetime.timedelta(days=30)
    )
    return late, later


def _rows(response):
    return response.content.decode().count('class="inspection-row')


def test_the_list_and_the_export_show_the_same_inspections(client, officer, two):
    client.force_login(officer)
    assert _rows(client.get("/inspections/", {"status": "overdue"})) == 1
    export = client.get("/inspections/", {"status": "overdue", "format": "csv"})
    lines = b"".join(export.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert export.status_code == 200 and len(lines) == 2 and lines[1].startswith(str(two[0].pk))
    assert _rows(client.get("/inspections/", {"status": "scheduled", "q": "Call-centre"})) == 2


def test_a_refused_filter_is_named_on_the_list_and_refuses_the_export(client, officer, two):
    client.force_login(officer)
    response = client.get("/inspections/", {"status": "lost"})
    assert response.status_code == 200 and _rows(response) == 2 and "Filter not applied" in response.content.decode()
    assert client.get("/inspections/", {"status": "lost", "format": "csv"}).status_code == 400


def test_mine_keeps_the_inspections_assigned_to_the_user(client, head, officer, two):
    client.force_login(officer)
    assert _rows(client.get("/inspections/", {"mine": "1"})) == 0
    client.force_login(head)
    assert _rows(client.get("/inspections/", {"mine": "1"})) == 2
