import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.organization import selectors, services
from tests.organization.factories import AreaFactory, PostFactory


def _history_html(client, **params):
    return client.get(reverse("organization:history"), params).content.decode()


def test_the_history_shows_who_changed_what_from_what_to_what(client, officer, employee):
    services.person_update(actor=officer, person=employee, data={"full_name": "李娜娜"})
    client.force_login(officer)
    html = _history_html(client)
    assert "李娜" in html and "李娜娜" in html
    assert "full name" in html
    assert "刘强" in html  # the officer who made the change


def test_a_changed_department_or_post_shows_names_not_ids(client, officer, employee, other_department):
    services.person_update(actor=officer, person=employee, data={"department": other_department})
    client.force_login(officer)
    html = _history_html(client, kind="person")
    assert "Customer Service 1" in html and "IT" in html


def test_the_history_spans_structure_records_too(client, officer, department):
    services.department_update(actor=officer, department=department, data={"name_zh": "客服一部（新）"})
    area = AreaFactory()
    services.area_update(actor=officer, area=area, data={"is_active": False})
    client.force_login(officer)
    html = _history_html(client)
    assert "客服一部（新）" in html
    assert "in use" in html


def test_the_history_filters_by_record_type(client, officer, employee, department):
    services.department_update(actor=officer, department=department, data={"name": "Customer Care 1"})
    services.person_update(actor=officer, person=employee, data={"phone": "13600000000"})
    client.force_login(officer)
    html = _history_html(client, kind="department")
    assert "Customer Care 1" in html
    assert "13600000000" not in html


def test_the_history_of_one_person_lists_only_their_changes(officer, employee, head):
    services.person_update(actor=officer, person=employee, data={"phone": "1"})
    services.person_update(actor=officer, person=head, data={"phone": "2"})
    entries = selectors.history_entries(selectors.history_list(kind="person", object_id=employee.pk))
    assert {e.record.id for e in entries} == {employee.pk}
    assert entries[0].changes[0].new == "1"


def test_signing_in_adds_no_row_to_the_history(client, employee):
    before = employee.history.count()
    client.force_login(employee)
    employee.refresh_from_db()
    assert employee.last_login is not None
    assert employee.history.count() == before


def test_the_history_pages_newest_first(client, officer, employee):
    for i in range(30):
        services.person_update(actor=officer, person=employee, data={"phone": f"{i:03d}"})
    client.force_login(officer)
    page1 = client.get(reverse("organization:history"), {"kind": "person"}).context
    assert page1["page"].paginator.count >= 30
    assert page1["entries"][0].changes[0].new == "029"
    assert len(page1["entries"]) == 25
    page2 = client.get(reverse("organization:history"), {"kind": "person", "page": 2}).context
    assert page2["entries"][0].when <= page1["entries"][-1].when


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("kind", ["", "person"])
def test_the_history_query_count_does_not_grow_with_rows(client, officer, employee, kind):
    client.force_login(officer)
    url = reverse("organization:history") + (f"?kind={kind}" if kind else "")
    services.person_update(actor=officer, person=employee, data={"post": PostFactory()})
    client.get(url)
    small = _count(client, url)
    for i in range(20):
        services.person_update(actor=officer, person=employee, data={"post": PostFactory(), "phone": str(i)})
        services.post_update(actor=officer, post=PostFactory(), data={"name": f"Renamed {i}"})
    large = _count(client, url)
    assert large <= small, f"{small} queries with few changes, {large} with a page full"
