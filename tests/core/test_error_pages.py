"""Pages users hit by mistake (issue 9): 403, 404 and 500 say what happened and where to go, in the
reader's language, and a 403 is one line on the security log instead of a warning with a traceback."""

import logging

import pytest
from django.template import loader
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

REFUSED = "organization:person_create"  # officers only

TEXT = {
    "en": {
        403: "You are not allowed to open this page or do this",
        404: "This page does not exist",
        500: "Something went wrong on our side",
        "home": "Go to the home page",
    },
    "zh-hans": {
        403: "您无权打开此页面或执行此操作",
        404: "此页面不存在",
        500: "系统出了点问题",
        "home": "返回首页",
    },
}


@pytest.fixture(params=["en", "zh-hans"])
def language(request):
    return request.param


def test_a_refused_page_is_a_403_in_the_base_layout_in_the_readers_language(client, employee, language):
    employee.language = language
    employee.save()
    client.force_login(employee)
    response = client.get(reverse(REFUSED))
    page = response.content.decode()
    assert response.status_code == 403
    assert TEXT[language][403] in page and TEXT[language]["home"] in page
    assert 'id="main-menu"' in page  # styled like every other page, with the menu to go elsewhere
    assert f'<html lang="{language}">' in page


def test_a_403_offers_the_way_back_to_the_page_the_user_came_from(client, employee):
    client.force_login(employee)
    came_from = "http://testserver" + reverse("hazards:hazard_list")
    page = client.get(reverse(REFUSED), HTTP_REFERER=came_from).content.decode()
    assert 'id="error-back"' in page and f'href="{came_from}"' in page


def test_a_403_offers_no_way_back_to_another_site(client, employee):
    client.force_login(employee)
    page = client.get(reverse(REFUSED), HTTP_REFERER="https://evil.example/phish").content.decode()
    assert 'id="error-back"' not in page and "evil.example" not in page


def test_an_unknown_address_is_a_404_page_in_the_readers_language(client, language):
    client.cookies["django_language"] = language
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert TEXT[language][404] in page and TEXT[language]["home"] in page
    assert reverse("login") in page  # an anonymous visitor is offered the sign-in


@override_settings(ROOT_URLCONF="tests.core.error_urls")
def test_a_server_error_is_the_500_page_in_the_readers_language(language):
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = language
    response = client.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert TEXT[language][500] in page and TEXT[language]["home"] in page
    assert 'href="/static/vendor/bootstrap/bootstrap.min.css"' in page


def test_the_500_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    with django_assert_num_queries(0), translation.override("en"):
        page = loader.get_template("500.html").render({})
    assert TEXT["en"][500] in page


def test_a_refused_page_is_one_security_line_and_no_traceback(client, employee, caplog):
    caplog.set_level(logging.INFO)
    client.force_login(employee)
    caplog.clear()
    client.get(reverse(REFUSED), REMOTE_ADDR="198.51.100.4")
    assert [r for r in caplog.records if r.name == "django.request"] == []
    lines = [r.getMessage() for r in caplog.records if r.name == "anquan.security"]
    assert lines == [f'event=access_denied user="employee" address="198.51.100.4" path="{reverse(REFUSED)}"']
    assert all(r.exc_info is None for r in caplog.records)
