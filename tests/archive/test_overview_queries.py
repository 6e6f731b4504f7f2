"""The archive overview counts each section in the database: as many queries for ten finished inspections as
for one, and the inspections section still reports each inspection's failed items (a subquery, so the
page's count does not group every result row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.archive.sections import section
from apps.inspections.models import Inspection, InspectionResult, TemplateItem
from tests.inspections.factories import InspectionFactory, make_template

pytestmark = pytest.mark.django_db


def finished(n, template, failing):
    items = list(TemplateItem.objects.filter(template=template).order_by("position"))
    for _ in range(n):
        inspection = InspectionFactory(template=template, status=Inspection.Status.FINISHED, finished_at=timezone.now())
        InspectionResult.objects.bulk_create(
            InspectionResult(inspection=inspection, item=item, outcome="fail" if i < failing else "pass")
            for i, item in enumerate(items)
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_overview_costs_as_many_queries_for_ten_inspections_as_for_one(client, officer):
    template = make_template(items=3)
    client.force_login(officer)
    url = reverse("archive:overview")
    client.get(url)
    finished(1, template, failing=1)
    small = _count(client, url)
    finished(9, template, failing=2)
    assert _count(client, url) == small


def test_the_inspections_section_counts_failed_items_per_inspection():
    template = make_template(items=3)
    finished(1, template, failing=2)
    finished(1, template, failing=0)
    qs = section("inspections").queryset(year=timezone.localdate().year)
    assert qs.count() == 2
    assert sorted(i.failed for i in qs) == [0, 2]
