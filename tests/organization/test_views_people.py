import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.organization import panels
from apps.organization.models import User
from tests.organization.factories import DepartmentFactory, PostFactory, UserFactory


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_search_finds_people_by_name_username_or_employee_number(client, officer, employee, outsider):
    client.force_login(officer)
    for query in ("李娜", "employee", employee.employee_number):
        response = client.get(reverse("organization:person_list"), {"q": query})
        assert list(response.context["page"]) == [employee], query


def test_the_list_filters_by_department_post_role_and_active(client, officer, employee, outsider):
    gone = UserFactory(username="gone", department=employee.department, post=employee.post, is_active=False)
    client.force_login(officer)
    url = reverse("organization:person_list")
    by_department = client.get(url, {"department": employee.department_id}).context["page"]
    assert set(by_department) == {employee, gone, employee.department.head}
    assert list(client.get(url, {"post": employee.post_id, "is_active": "true"}).context["page"]) == [employee]
    assert list(client.get(url, {"post": employee.post_id, "is_active": "false"}).context["page"]) == [gone]
    assert list(client.get(url, {"role": "officer"}).context["page"]) == [officer]


def test_a_head_lists_only_their_own_department(client, head, employee, outsider):
    client.force_login(head)
    people = set(client.get(reverse("organization:person_list")).context["page"])
    assert people == {head, employee}


def test_a_bad_filter_value_shows_the_list_not_an_error(client, officer):
    client.force_login(officer)
    response = client.get(reverse("organization:person_list"), {"department": "nope", "page": "x"})
    assert response.status_code == 200


def test_csv_export_holds_the_filtered_people_in_the_import_columns(client, officer, employee, outsider):
    client.force_login(officer)
    response = client.get(reverse("organization:person_export"), {"department": employee.department_id})
    rows = _csv_rows(response)
    assert {r["username"] for r in rows} == {"employee", "head"}
    row = next(r for r in rows if r["username"] == "employee")
    assert row["department"] == "cs-1"
    assert row["employee_number"] == employee.employee_number


def test_a_heads_csv_export_holds_only_their_department(client, head, employee, outsider):
    client.force_login(head)
    rows = _csv_rows(client.get(reverse("organization:person_export")))
    assert {r["username"] for r in rows} == {"employee", "head"}


def _add_people(n):
    departments = [DepartmentFactory() for _ in range(3)]
    posts = [PostFactory() for _ in range(3)]
    for i in range(n):
        UserFactory(department=departments[i % 3], post=posts[i % 3])
    for d in departments:  # some of them head a department: the list shows a head badge
        d.head = d.members.first()
        d.save()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["organization:person_list", "organization:person_export"])
def test_the_people_list_and_export_query_count_does_not_grow_with_rows(client, officer, url_name):
    client.force_login(officer)
    url = reverse(url_name)
    _add_people(4)
    client.get(url)  # warm caches (content types, session)
    small = _queries(client, url)
    _add_people(60)
    large = _queries(client, url)
    assert small == large, f"{url_name}: {small} queries for 8 people, {large} for 68"


def test_autocomplete_answers_json_scoped_to_the_people_the_user_may_list(client, head, employee, outsider):
    client.force_login(head)
    response = client.get(reverse("organization:person_autocomplete"), {"q": "陈"})
    assert response.json() == {"results": []}
    response = client.get(reverse("organization:person_autocomplete"), {"q": "李"})
    assert [r["id"] for r in response.json()["results"]] == [employee.pk]
    assert "李娜" in response.json()["results"][0]["text"]


def test_autocomplete_leaves_out_inactive_people(client, officer, employee):
    employee.is_active = False
    employee.save()
    client.force_login(officer)
    response = client.get(reverse("organization:person_autocomplete"), {"q": "李"})
    assert response.json()["results"] == []


def test_the_department_form_picks_its_head_with_the_autocomplete_not_a_select(client, officer, employee):
    client.force_login(officer)
    response = client.get(reverse("organization:department_update", args=[employee.department_id]))
    html = response.content.decode()
    assert reverse("organization:person_autocomplete") in html
    assert f'<option value="{employee.pk}"' not in html
    assert 'value="王芳"' in html  # the current head's name shows in the search box


def test_an_officer_creates_a_person_from_the_form(client, officer, department, hook_calls):
    client.force_login(officer)
    post = PostFactory()
    data = {
        "full_name": "周杰",
        "username": "zhoujie",
        "email": "zj@example.com",
        "employee_number": "E7777",
        "department": department.pk,
        "post": post.pk,
        "hire_date": "2026-11-24",
        "phone": "",
        "role": "employee",
        "is_active": "on",
    }
    response = client.post(reverse("organization:person_create"), data)
    person = User.objects.get(username="zhoujie")
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    assert hook_calls.hires == [person]


def test_bad_input_on_the_person_form_shows_field_errors(client, officer, employee):
    client.force_login(officer)
    data = {
        "full_name": "",
        "username": employee.username,
        "email": "not-an-email",
        "employee_number": employee.employee_number,
        "hire_date": "yesterday",
        "role": "pilot",
    }
    response = client.post(reverse("organization:person_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    for field in ("full_name", "username", "email", "employee_number", "department", "post", "hire_date", "role"):
        assert field in errors, field


def test_an_officer_changes_a_persons_post_and_the_hook_hears_it(client, officer, employee, hook_calls):
    client.force_login(officer)
    new_post = PostFactory()
    data = {
        "full_name": employee.full_name,
        "username": employee.username,
        "email": employee.email,
        "employee_number": employee.employee_number,
        "department": employee.department_id,
        "post": new_post.pk,
        "hire_date": "",
        "phone": "",
        "role": "employee",
        "is_active": "on",
    }
    response = client.post(reverse("organization:person_update", args=[employee.pk]), data)
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.post == new_post
    assert [p for p, _old, _new in hook_calls.post_changes] == [employee]


def test_the_profile_shows_roles_department_post_and_hire_date(client, head):
    head.hire_date = "2020-05-06"
    head.save()
    client.force_login(head)
    html = client.get(reverse("organization:person_detail", args=[head.pk])).content.decode()
    assert "Department head" in html
    assert "Customer Service 1" in html
    assert str(head.post) in html
    assert "2020" in html


def test_an_officer_sees_a_persons_change_history_on_their_page(client, officer, employee):
    from apps.organization import services

    services.person_update(actor=officer, person=employee, data={"phone": "13700000000"})
    client.force_login(officer)
    html = client.get(reverse("organization:person_detail", args=[employee.pk])).content.decode()
    assert 'id="person-history"' in html
    assert "13700000000" in html


def test_a_head_does_not_see_the_change_history_on_a_persons_page(client, head, employee):
    client.force_login(head)
    html = client.get(reverse("organization:person_detail", args=[employee.pk])).content.decode()
    assert 'id="person-history"' not in html


def test_a_registered_panel_shows_on_the_person_page(client, employee, settings, tmp_path):
    (tmp_path / "panel.html").write_text('<div id="test-panel">{{ panel.person.username }} {{ panel.answer }}</div>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    panels.register_person_panel(key="test", template="panel.html", context=lambda *, request, person: {"answer": 42})
    try:
        client.force_login(employee)
        html = client.get(reverse("organization:person_detail", args=[employee.pk])).content.decode()
    finally:
        panels.unregister_person_panel("test")
    assert '<div id="test-panel">employee 42</div>' in html


def test_an_employee_cannot_use_the_person_search_as_a_company_directory(client, employee, outsider):
    client.force_login(employee)
    response = client.get(reverse("organization:person_autocomplete"), {"q": outsider.full_name})
    assert response.json()["results"] == []
