import pytest
from django.urls import reverse

from apps.core.exceptions import NotAllowed
from apps.organization import services
from apps.organization.models import Area, Department, Floor, Post, Site
from tests.organization.factories import FloorFactory, SiteFactory


def test_an_officer_creates_a_department_with_a_head_picked_by_id(client, officer, employee):
    client.force_login(officer)
    data = {"name": "Quality", "name_zh": "质检部", "code": "qa", "head": employee.pk}
    response = client.post(reverse("organization:department_create"), data)
    department = Department.objects.get(code="qa")
    assert response["Location"] == department.get_absolute_url()
    assert department.head == employee


def test_a_head_outside_the_pickers_scope_is_refused_as_a_field_error(client, officer, employee):
    employee.is_active = False
    employee.save()
    client.force_login(officer)
    data = {"name": "Quality", "code": "qa", "head": employee.pk}
    response = client.post(reverse("organization:department_create"), data)
    assert response.status_code == 200
    assert "head" in response.context["form"].errors


def test_a_duplicate_department_code_shows_a_field_error(client, officer, department):
    client.force_login(officer)
    response = client.post(reverse("organization:department_create"), {"name": "Again", "code": department.code})
    assert response.status_code == 200
    assert "code" in response.context["form"].errors


def test_an_officer_renames_a_department_and_the_history_keeps_the_old_name(client, officer, department):
    client.force_login(officer)
    data = {"name": "Customer Care 1", "name_zh": department.name_zh, "code": department.code, "head": ""}
    client.post(reverse("organization:department_update", args=[department.pk]), data)
    department.refresh_from_db()
    assert department.name == "Customer Care 1"
    assert department.history.first().history_user == officer
    assert department.history.last().name == "Customer Service 1"


def test_an_officer_builds_a_site_floor_and_area(client, officer, department):
    client.force_login(officer)
    client.post(reverse("organization:site_create"), {"name": "HQ", "name_zh": "总部", "code": "hq", "address": "x"})
    site = Site.objects.get(code="hq")
    client.post(reverse("organization:floor_create"), {"site": site.pk, "building": "A", "level": 3, "name": "3F"})
    floor = Floor.objects.get(site=site)
    response = client.post(
        reverse("organization:area_create"),
        {"floor": floor.pk, "name": "Call centre", "code": "hq-3-cc", "department": department.pk, "is_active": "on"},
    )
    area = Area.objects.get(code="hq-3-cc")
    assert response["Location"] == area.get_absolute_url()
    assert (area.site, area.department) == (site, department)


def test_a_second_floor_with_the_same_level_shows_an_error_not_a_crash(client, officer):
    floor = FloorFactory(building="A", level=2)
    client.force_login(officer)
    response = client.post(
        reverse("organization:floor_create"), {"site": floor.site_id, "building": "A", "level": 2, "name": "2F"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_an_officer_creates_and_edits_a_post(client, officer):
    client.force_login(officer)
    client.post(reverse("organization:post_create"), {"name": "Call agent", "name_zh": "话务员", "code": "agent"})
    post = Post.objects.get(code="agent")
    client.post(
        reverse("organization:post_update", args=[post.pk]),
        {"name": "Customer agent", "name_zh": "话务员", "code": "agent", "description": ""},
    )
    post.refresh_from_db()
    assert post.name == "Customer agent"


def test_the_structure_page_offers_editing_only_to_officers(client, officer, head):
    client.force_login(head)
    assert (
        reverse("organization:department_create") not in client.get(reverse("organization:structure")).content.decode()
    )
    client.force_login(officer)
    assert reverse("organization:department_create") in client.get(reverse("organization:structure")).content.decode()


def test_management_cannot_change_the_structure(manager):
    with pytest.raises(NotAllowed):
        services.site_update(actor=manager, site=SiteFactory(), data={"name": "Nope"})
