"""Pages whose query count must not grow with their rows (asserted at two sizes)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.inspections import services
from tests.core.images import png_bytes
from tests.inspections.factories import EquipmentFactory, InspectionFactory, make_template
from tests.organization.factories import AreaFactory


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_inspection_list_query_count_does_not_grow_with_rows(officer, head, department, client):
    client.force_login(officer)
    template = make_template(items=2)
    InspectionFactory.create_batch(3, template=template, inspector=head, area=AreaFactory(department=department))
    small = _queries(client, "/inspections/")
    InspectionFactory.create_batch(20, template=make_template(items=2), inspector=head, area=AreaFactory())
    assert _queries(client, "/inspections/") == small


def _started_inspection(head, department, items):
    inspection = InspectionFactory(
        template=make_template(items=items, sections=4), inspector=head, area=AreaFactory(department=department)
    )
    services.inspection_start(inspection=inspection, user=head)
    results = list(inspection.results.order_by("pk"))
    for n, result in enumerate(results[:4]):
        photo = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png") if n % 2 == 0 else None
        services.inspection_result_save(result=result, user=head, outcome="fail" if n % 2 == 0 else "pass", photo=photo)
    return inspection


@pytest.mark.django_db
def test_an_inspection_with_80_items_takes_as_many_queries_as_one_with_8(head, department, client):
    client.force_login(head)
    small = _started_inspection(head, department, 8)
    big = _started_inspection(head, department, 80)
    body = client.get(f"/inspections/{big.pk}/").content.decode()
    assert body.count('class="list-group-item result-row') == 80
    assert _queries(client, f"/inspections/{big.pk}/") == _queries(client, f"/inspections/{small.pk}/")


@pytest.mark.django_db
def test_equipment_list_query_count_does_not_grow_with_rows(officer, client):
    client.force_login(officer)
    EquipmentFactory.create_batch(3)
    small = _queries(client, "/equipment/")
    EquipmentFactory.create_batch(20)
    assert _queries(client, "/equipment/") == small
