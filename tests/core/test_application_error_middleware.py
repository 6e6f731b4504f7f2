import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import include, path

from apps.core.exceptions import Conflict, NotAllowed


def _conflict(request):
    raise Conflict("Someone else moved this hazard first.")


def _forbidden(request):
    raise NotAllowed("No.")


# The real URLs too, so the base layout can reverse its navigation links.
urlpatterns = [path("boom/", _conflict), path("forbidden/", _forbidden), path("", include("config.urls"))]


@pytest.fixture
def client_for_urls(settings, employee):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    client.force_login(employee)
    return client


@pytest.mark.django_db
def test_an_escaped_application_error_on_post_goes_back_with_its_message(client_for_urls):
    response = client_for_urls.post("/boom/", HTTP_REFERER="http://testserver/hazards/4/")
    assert response.status_code == 302 and response["Location"] == "http://testserver/hazards/4/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Someone else moved this hazard first."]


@pytest.mark.django_db
def test_an_escaped_application_error_on_get_is_a_400_page_with_its_message(client_for_urls):
    response = client_for_urls.get("/boom/")
    assert response.status_code == 400
    assert "Someone else moved this hazard first." in response.content.decode()


@pytest.mark.django_db
def test_an_off_site_referer_is_not_followed(client_for_urls):
    response = client_for_urls.post("/boom/", HTTP_REFERER="https://evil.example/")
    assert response["Location"] == "/boom/"


@pytest.mark.django_db
def test_not_allowed_stays_a_403(client_for_urls):
    assert client_for_urls.get("/forbidden/").status_code == 403
