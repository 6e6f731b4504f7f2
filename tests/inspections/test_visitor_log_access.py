"""Who reads the visitor log and who signs a visitor out (issue 9): the host, whoever signed them in,
the head of the visited area's department, reception and officers; management reads the whole log."""

import pytest
from django.contrib.auth.models import Group

from apps.core.exceptions import NotAllowed
from apps.inspections import services
from apps.inspections.selectors import visit_log, visits_on_site
from tests.inspections.factories import VisitFactory
from tests.organization.factories import AreaFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(employee):
    """The employee hosts a visitor to an area of the employee's department."""
    return VisitFactory(host=employee, area=AreaFactory(department=employee.department), visitor_name="Ms Chen")


@pytest.fixture
def receptionist(db):
    user = UserFactory(username="reception")
    user.groups.add(Group.objects.get_or_create(name="reception")[0])
    return user


@pytest.mark.parametrize("persona", ["employee", "head", "officer", "manager"])
def test_the_host_the_areas_head_and_company_wide_roles_see_the_visit(personas, persona, visit):
    assert list(visit_log(user=personas[persona])) == [visit]


@pytest.mark.parametrize("persona", ["outsider", "other_head"])
def test_other_employees_and_heads_do_not_see_the_visit(personas, persona, visit):
    assert list(visit_log(user=personas[persona])) == []
    assert list(visits_on_site(user=personas[persona])) == []


def test_whoever_signed_the_visitor_in_sees_the_visit(visit, outsider):
    visit.registered_by = outsider
    visit.save()
    assert list(visits_on_site(user=outsider)) == [visit]


def test_reception_sees_every_visitor_on_site(visit, receptionist):
    assert list(visits_on_site(user=receptionist)) == [visit]


def test_the_visitor_log_page_of_an_outsider_does_not_list_the_visitor(client, visit, outsider):
    client.force_login(outsider)
    html = client.get("/visitors/").content.decode()
    assert "Ms Chen" not in html and 'id="visitor-log-scope"' in html


def test_the_visitor_log_csv_of_an_outsider_has_no_rows(client, visit, outsider):
    client.force_login(outsider)
    body = b"".join(client.get("/visitors/?format=csv").streaming_content).decode("utf-8-sig")
    assert len(body.strip().splitlines()) == 1


@pytest.mark.parametrize("persona", ["employee", "head", "officer"])
def test_the_host_the_areas_head_and_officers_sign_the_visitor_out(personas, persona, visit):
    services.visit_sign_out(visit=visit, user=personas[persona])
    visit.refresh_from_db()
    assert visit.signed_out_by == personas[persona]


def test_reception_signs_any_visitor_out(visit, receptionist):
    services.visit_sign_out(visit=visit, user=receptionist)
    visit.refresh_from_db()
    assert visit.signed_out_at is not None


@pytest.mark.parametrize("persona", ["outsider", "other_head", "manager"])
def test_others_may_not_sign_the_visitor_out(personas, persona, visit):
    with pytest.raises(NotAllowed):
        services.visit_sign_out(visit=visit, user=personas[persona])
    visit.refresh_from_db()
    assert visit.signed_out_at is None


def test_management_sees_no_sign_out_button(client, visit, manager):
    client.force_login(manager)
    html = client.get("/visitors/").content.decode()
    assert "Ms Chen" in html and f"/visitors/{visit.pk}/sign-out/" not in html


def test_the_reception_group_migration_creates_the_group_and_reverses():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("apps.inspections.migrations.0004_reception_group")
    migration.remove(apps, None)
    assert not Group.objects.filter(name="reception").exists()
    migration.create(apps, None)
    migration.create(apps, None)
    assert Group.objects.filter(name="reception").count() == 1


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("persona", ["head", "officer"])
def test_the_visitor_log_query_count_does_not_grow_with_visitors(client, personas, persona, employee):
    area = AreaFactory(department=employee.department)
    client.force_login(personas[persona])
    VisitFactory.create_batch(2, host=employee, area=area)
    small = _queries(client, "/visitors/")
    VisitFactory.create_batch(15, host=employee, area=area)
    assert _queries(client, "/visitors/") == small
