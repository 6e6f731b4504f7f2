import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from apps.demo.seeders import SeedContext
from apps.demo.seeders import organization as organization_seeder
from apps.organization import hooks
from apps.organization.models import Area, Department, Site, User

DEMO_LOGINS = ("manager", "officer", "head", "employee", "newhire")

pytestmark = pytest.mark.django_db


def seed_demo(*, everything=False):
    """The organisation alone (a second), or the whole demo with every module's seeder (slow)."""
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **({} if everything else {"only": ["organization"]}))
    return out.getvalue()


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_seed_demo_builds_a_company_of_about_eighty_people_in_two_sites():
    seed_demo()
    assert 75 <= User.objects.count() <= 90
    assert Department.objects.count() >= 8
    assert Site.objects.count() == 2
    assert Area.objects.count() >= 20


def test_every_department_has_a_head_who_belongs_to_it():
    seed_demo()
    for department in Department.objects.all():
        assert department.head is not None, department.code
        assert department.head.department_id == department.pk, department.code


def test_every_area_has_a_responsible_department():
    seed_demo()
    assert not Area.objects.filter(department__isnull=True).exists()


def test_people_have_chinese_names_employee_numbers_posts_and_hire_dates():
    seed_demo()
    people = User.objects.all()
    assert all("\u4e00" <= person.full_name[0] <= "\u9fff" for person in people)
    assert not people.filter(employee_number__isnull=True).exists()
    assert not people.filter(post__isnull=True).exists()
    assert not people.filter(hire_date__isnull=True).exists()
    assert len({person.hire_date.year for person in people}) >= 5


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_each_demo_login_signs_in_with_the_demo_password(client, username):
    seed_demo()
    response = client.post("/accounts/login/", {"username": username, "password": "safety-first"})
    assert response.status_code == 302, response.content[:500]
    assert client.get("/").status_code == 200


@pytest.mark.slow
def test_every_demo_login_still_signs_in_after_the_whole_demo_is_seeded(client):
    seed_demo(everything=True)
    for username in DEMO_LOGINS:
        client.logout()
        response = client.post("/accounts/login/", {"username": username, "password": "safety-first"})
        assert response.status_code == 302, username
        assert client.get("/").status_code == 200, username


def test_demo_roles_match_the_specification():
    seed_demo()
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_LOGINS)}
    assert users["manager"].role == User.Role.MANAGEMENT
    assert users["officer"].role == User.Role.SAFETY_OFFICER
    assert users["officer"].department.code == "safety"
    customer_service = users["head"].department
    assert customer_service.head == users["head"]
    assert customer_service.name_zh.startswith("客服")
    assert users["employee"].department == customer_service
    assert users["newhire"].department == customer_service
    assert users["employee"].post == users["newhire"].post


def test_newhire_was_hired_within_the_last_seven_days():
    seed_demo()
    newhire = User.objects.get(username="newhire")
    assert timezone.localdate() - newhire.hire_date < datetime.timedelta(days=7)


@pytest.mark.slow
def test_running_the_whole_demo_twice_changes_no_row_counts_in_any_table():
    seed_demo(everything=True)
    before = row_counts()
    seed_demo(everything=True)
    after = row_counts()
    assert {label: (before[label], after[label]) for label in before if before[label] != after[label]} == {}


def test_running_seed_demo_twice_keeps_the_same_people_and_structure():
    seed_demo()
    people = list(User.objects.order_by("employee_number").values_list("employee_number", "username", "full_name"))
    heads = list(Department.objects.order_by("code").values_list("code", "head__username"))
    seed_demo()
    assert list(User.objects.order_by("employee_number").values_list("employee_number", "username", "full_name")) == (
        people
    )
    assert list(Department.objects.order_by("code").values_list("code", "head__username")) == heads


def test_a_demo_login_whose_password_was_changed_works_again_after_seeding():
    seed_demo()
    officer = User.objects.get(username="officer")
    officer.set_password("something-else-entirely")
    officer.save()
    seed_demo()
    officer.refresh_from_db()
    assert officer.check_password("safety-first")


def test_the_hire_hook_fires_once_for_newhire_only_when_newhire_is_created(monkeypatch):
    hired = []
    monkeypatch.setattr(hooks, "_on_hire", [lambda *, person, actor: hired.append(person.username)])
    seed_demo()
    seed_demo()
    assert hired == ["newhire"]


def test_the_organisation_seeder_hands_demo_users_departments_and_areas_to_later_seeders():
    ctx = SeedContext(stdout=io.StringIO())
    organization_seeder.seed(ctx)
    assert set(DEMO_LOGINS) <= set(ctx.data["users"])
    assert {"cs-1", "safety", "it", "gm"} <= set(ctx.data["departments"])
    assert len(ctx.data["areas"]) == Area.objects.count()
    assert ctx.data["users"]["head"] == ctx.data["departments"]["cs-1"].head


def test_the_demo_company_profile_is_antai_in_both_languages_with_an_address():
    from apps.organization.models import CompanyProfile

    seed_demo()
    company = CompanyProfile.objects.get()
    assert (company.name_zh, company.name) == ("安泰客服有限公司", "Antai Customer Service Co.")
    assert company.address_zh and company.address


@pytest.mark.slow
def test_the_compact_demo_has_the_same_people_and_clearance_with_a_short_history():
    from apps.inspections.models import Inspection
    from apps.training.models import ExamAttempt
    from apps.training.selectors import clearance_for_people

    call_command("seed_demo", compact=True, stdout=io.StringIO())
    assert 75 <= User.objects.count() <= 90
    people = list(User.objects.filter(is_active=True))
    clearance = clearance_for_people(people)
    not_cleared = {p.username for p in people if not clearance[p.pk].cleared}
    assert not_cleared == {"newhire"}
    attempts = set(ExamAttempt.objects.values_list("person__username", flat=True))
    assert attempts <= {"manager", "officer", "head", "employee"} and "employee" in attempts
    assert 1 <= Inspection.objects.filter(status=Inspection.Status.FINISHED).count() <= 8
