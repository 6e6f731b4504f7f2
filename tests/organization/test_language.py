"""A person's language is chosen once and followed everywhere; without a choice, the company default."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.organization.models import User

pytestmark = pytest.mark.django_db


def test_a_signed_in_person_without_a_language_gets_the_company_default_not_the_browsers(client, employee, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    client.force_login(employee)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="zh-hans">' in response.content.decode()


def test_a_person_who_chose_english_keeps_it_in_a_chinese_company(client, employee, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    User.objects.filter(pk=employee.pk).update(language="en")
    client.force_login(employee)
    assert '<html lang="en">' in client.get(reverse("home")).content.decode()


def test_the_language_picked_on_the_sign_in_page_is_kept_for_a_person_who_had_none(client, employee):
    client.post(reverse("language_switch"), {"language": "zh-hans", "next": "/"})  # signed out: a cookie
    client.post(reverse("login"), {"username": "employee", "password": "safety-first"})
    employee.refresh_from_db()
    assert employee.language == "zh-hans"


def test_signing_in_does_not_override_a_language_chosen_before(client, employee):
    User.objects.filter(pk=employee.pk).update(language="en")
    client.post(reverse("language_switch"), {"language": "zh-hans", "next": "/"})
    client.post(reverse("login"), {"username": "employee", "password": "safety-first"})
    employee.refresh_from_db()
    assert employee.language == "en"


def test_the_password_reset_email_is_in_the_language_of_the_person_it_goes_to(client, employee):
    User.objects.filter(pk=employee.pk).update(language="zh-hans", email="lina@example.com")
    client.post(reverse("password_reset"), {"email": "lina@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    assert len(mail.outbox) == 1
    assert "密码" in mail.outbox[0].subject + mail.outbox[0].body
