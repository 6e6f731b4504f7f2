import re

import pytest
from django.urls import reverse

from apps.organization.models import User


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_person_signs_in_with_username_and_password(client, employee, axes_on):
    response = _login(client, "employee", "safety-first")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"] == employee


def test_a_wrong_password_shows_the_form_again(client, employee, axes_on):
    response = _login(client, "employee", "wrong")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_signing_out_ends_the_session(client, employee):
    client.force_login(employee)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert reverse("login") in client.get(reverse("home"))["Location"]


def test_a_person_changes_their_password(client, employee):
    client.force_login(employee)
    page = client.get(reverse("password_change"))
    assert 'id="main-menu"' in page.content.decode()  # the base layout, not the admin's
    response = client.post(
        reverse("password_change"),
        {"old_password": "safety-first", "new_password1": "Harbour-lights-77", "new_password2": "Harbour-lights-77"},
    )
    assert response["Location"] == reverse("password_change_done")
    employee.refresh_from_db()
    assert employee.check_password("Harbour-lights-77")


def test_a_password_change_with_the_wrong_old_password_shows_a_field_error(client, employee):
    client.force_login(employee)
    response = client.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": "Harbour-lights-77", "new_password2": "Harbour-lights-77"},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors


def test_a_password_reset_sends_an_email_with_a_working_link(client, employee, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": employee.email})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [employee.email]
    assert "Reset your Anquan password" in message.subject
    path = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", message.body).group(1)
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Tea-garden-2026", "new_password2": "Tea-garden-2026"}
    )
    assert done["Location"] == reverse("password_reset_complete")
    employee.refresh_from_db()
    assert employee.check_password("Tea-garden-2026")


def test_a_password_reset_for_an_unknown_address_sends_nothing_but_looks_the_same(client, db, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_repeated_failed_sign_ins_lock_the_account_out(client, employee, axes_on):
    for _ in range(3):
        _login(client, "employee", "wrong")
    response = _login(client, "employee", "safety-first")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock_the_account(client, employee, axes_on):
    for _ in range(2):
        _login(client, "employee", "wrong")
    assert _login(client, "employee", "safety-first").status_code == 302


def test_switching_language_saves_it_on_the_user_and_the_next_page_is_chinese(client, employee):
    client.force_login(employee)
    response = client.post(reverse("language_switch"), {"language": "zh-hans", "next": reverse("home")})
    assert response["Location"] == reverse("home")
    employee.refresh_from_db()
    assert employee.language == "zh-hans"
    assert '<html lang="zh-hans">' in client.get(reverse("home")).content.decode()


def test_the_users_saved_language_wins_on_a_new_device(client, employee):
    User.objects.filter(pk=employee.pk).update(language="zh-hans")
    client.force_login(employee)  # a fresh client: no language cookie
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="zh-hans">' in response.content.decode()
    assert response["Content-Language"] == "zh-hans"


def test_a_person_without_a_saved_language_gets_english_by_default(client, employee):
    client.force_login(employee)
    assert '<html lang="en">' in client.get(reverse("home")).content.decode()


def test_an_unknown_language_is_refused_and_nothing_is_saved(client, employee):
    client.force_login(employee)
    client.post(reverse("language_switch"), {"language": "xx", "next": "/"})
    employee.refresh_from_db()
    assert employee.language == ""


def test_the_language_switch_never_redirects_off_site(client, employee):
    client.force_login(employee)
    response = client.post(reverse("language_switch"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
