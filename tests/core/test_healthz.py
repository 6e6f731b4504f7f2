from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from config.celery import app as celery_app
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db

URL = reverse("healthz")


@pytest.fixture
def broker(monkeypatch, settings):
    """Make /healthz check the broker at a URL of the test's choosing."""
    settings.HEALTHZ_CHECK_BROKER = True

    def use(url):
        monkeypatch.setattr(celery_app.conf, "broker_url", url)

    return use


def test_healthz_answers_200_with_the_database_status(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "not configured (tasks run in-process)"},
    }


def test_healthz_answers_503_when_the_database_is_unreachable(client):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["database"] == "unreachable"


def test_healthz_is_never_cached(client):
    assert "no-cache" in client.get(URL)["Cache-Control"]


def test_healthz_reports_an_unreachable_broker_as_degraded_but_stays_in_rotation(client, broker):
    broker("redis://127.0.0.1:1/0")
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {"database": "ok", "broker": "unreachable"}}


@pytest.mark.services
def test_healthz_answers_200_when_a_configured_broker_is_reachable(client, broker, settings):
    import redis

    try:
        redis.Redis.from_url(settings.CELERY_TEST_BROKER_URL, socket_connect_timeout=2).ping()
    except Exception as exc:
        skip_or_fail(f"Redis at {settings.CELERY_TEST_BROKER_URL} is not reachable ({exc})")
    broker(settings.CELERY_TEST_BROKER_URL)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}
