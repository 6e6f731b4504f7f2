import datetime

import pytest

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.organization import services
from apps.organization.models import User
from tests.organization.factories import PostFactory, UserFactory


def _create(actor, **overrides):
    fields = {
        "full_name": "孙悦",
        "username": "sunyue",
        "employee_number": "E90001",
        "email": "sunyue@example.com",
        "hire_date": datetime.date(2026, 11, 23),
        **overrides,
    }
    return services.person_create(actor=actor, **fields)


def test_officer_creates_a_person_without_a_usable_password(officer, department):
    person = _create(officer, department=department, post=PostFactory())
    person.refresh_from_db()
    assert person.full_name == "孙悦"
    assert person.department == department
    assert not person.has_usable_password()


def test_creating_a_person_with_a_hire_date_fires_the_hire_hook(officer, department, hook_calls):
    person = _create(officer, department=department)
    assert hook_calls.hires == [person]


def test_creating_a_person_without_a_hire_date_fires_no_hire_hook(officer, department, hook_calls):
    _create(officer, department=department, hire_date=None)
    assert hook_calls.hires == []


def test_head_cannot_create_people(head, department):
    with pytest.raises(NotAllowed):
        _create(head, department=department)
    assert not User.objects.filter(username="sunyue").exists()


def test_duplicate_username_is_refused_with_a_message(officer, employee):
    with pytest.raises(ApplicationError):
        _create(officer, username=employee.username)


def test_changing_a_persons_post_fires_the_post_change_hook(officer, employee, hook_calls):
    old_post, new_post = employee.post, PostFactory()
    services.person_update(actor=officer, person=employee, data={"post": new_post})
    assert hook_calls.post_changes == [(employee, old_post, new_post)]


def test_updating_other_fields_fires_no_post_change_hook(officer, employee, hook_calls):
    services.person_update(actor=officer, person=employee, data={"phone": "13800000000"})
    employee.refresh_from_db()
    assert employee.phone == "13800000000"
    assert hook_calls.post_changes == []


def test_an_update_records_the_officer_in_the_audit_trail(officer, employee):
    services.person_update(actor=officer, person=employee, data={"full_name": "李娜娜"})
    latest = employee.history.first()
    assert latest.history_user == officer
    assert latest.full_name == "李娜娜"


def test_blank_employee_number_is_stored_as_none_so_many_people_may_lack_one(officer, department):
    _create(officer, username="a1", employee_number="", department=department)
    _create(officer, username="a2", employee_number="", department=department)
    assert User.objects.filter(username__in=["a1", "a2"], employee_number__isnull=True).count() == 2


def test_manager_cannot_update_people(manager, employee):
    with pytest.raises(NotAllowed):
        services.person_update(actor=manager, person=employee, data={"phone": "1"})


def test_unknown_field_is_refused(officer, employee):
    with pytest.raises(ApplicationError):
        services.person_update(actor=officer, person=employee, data={"is_superuser": True})


def test_sign_in_link_is_mailed_and_lets_the_person_choose_a_password(
    officer, department, client, mailoutbox, django_capture_on_commit_callbacks
):
    person = _create(officer, department=department)
    with django_capture_on_commit_callbacks(execute=True):
        services.person_send_sign_in_link(actor=officer, person=person)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["sunyue@example.com"]
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/reset/" in line).strip()
    path = link.split("127.0.0.1:8000", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Lantern-42-river", "new_password2": "Lantern-42-river"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Lantern-42-river")


def test_sign_in_link_needs_an_email_address(officer, department):
    person = UserFactory(username="noemail", email="", department=department)
    with pytest.raises(ApplicationError):
        services.person_send_sign_in_link(actor=officer, person=person)
