"""The production image's static files: `collectstatic` with production settings, then pages served through
WhiteNoise's manifest storage with DEBUG off — what the Dockerfile builds and gunicorn serves.

The manifest storage is strict: a reference it cannot resolve (a ``sourceMappingURL`` to a ``.map`` that
is not vendored, a ``url()`` to a missing font) fails the build, and a ``{% static %}`` name missing from
the manifest is a 500 on every page. Both are caught here instead of at deploy time.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.notifications.processes import process_env

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROOT = Path(settings.BASE_DIR)
MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """Run ``collectstatic`` in a child process with the production settings, as the Dockerfile does."""
    root = tmp_path_factory.mktemp("staticfiles")
    env = process_env(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="build-only",
        DJANGO_ALLOWED_HOSTS="localhost",
        DATABASE_URL=f"sqlite:///{root.parent / 'unused.sqlite3'}",
        CELERY_BROKER_URL="memory://",
        DJANGO_STATIC_ROOT=str(root),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return root


def _manifest(root):
    return json.loads((root / "staticfiles.json").read_text())["paths"]


@pytest.fixture
def production_static(collected):
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    with override_settings(DEBUG=False, STATIC_ROOT=collected, STORAGES=storages):
        yield collected


def test_collectstatic_with_production_settings_writes_a_manifest_with_hashed_names(collected):
    paths = _manifest(collected)
    hashed = paths["vendor/bootstrap/bootstrap.min.css"]
    assert re.fullmatch(r"vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css", hashed)
    assert (collected / hashed).is_file()


def test_every_static_file_a_template_names_is_in_the_manifest(collected):
    paths = _manifest(collected)
    named = set()
    for template in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("apps/*/templates/**/*.html")]:
        named |= set(re.findall(r"""\{%\s*static\s+['"]([^'"]+)['"]""", template.read_text()))
    assert named  # the scan found the base layout's files
    assert sorted(named - set(paths)) == []


def test_the_sign_in_page_answers_200_with_debug_off_and_its_hashed_static_urls_are_served(production_static):
    client = Client()  # a new handler, so WhiteNoise indexes the collected folder
    page = client.get(reverse("login"))
    assert page.status_code == 200
    urls = re.findall(r'(?:href|src)="(/static/[^"]+)"', page.content.decode())
    assert any(re.search(r"bootstrap\.min\.[0-9a-f]{12}\.css$", url) for url in urls)
    for url in urls:
        served = client.get(url)
        assert served.status_code == 200, url
        assert "max-age=315360000" in served["Cache-Control"]  # immutable: the name carries the hash


def test_a_signed_in_page_answers_200_with_debug_off_through_the_manifest(production_static, employee):
    client = Client()
    client.force_login(employee)
    page = client.get(reverse("home"))
    assert page.status_code == 200
    assert re.search(r'src="/static/vendor/htmx/htmx\.min\.[0-9a-f]{12}\.js"', page.content.decode())


@override_settings(ROOT_URLCONF="tests.core.error_urls")
def test_the_500_page_is_styled_through_the_manifest_without_touching_it(production_static):
    client = Client(raise_request_exception=False)
    page = client.get("/boom/")
    assert page.status_code == 500
    stylesheets = re.findall(r'<link rel="stylesheet" href="(/static/[^"]+)"', page.content.decode())
    assert stylesheets
    assert all(client.get(url).status_code == 200 for url in stylesheets)
