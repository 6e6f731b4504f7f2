"""With the production settings, every page carries the security headers (issue 10 acceptance):
Content-Security-Policy, HSTS, X-Frame-Options and X-Content-Type-Options: nosniff.

Runs in a subprocess because production settings are read once at start-up. The sign-in page is
fetched over HTTPS with Django's test client; static file names come from the plain storage, as
the collected manifest is the Docker build's business (tests/test_deploy.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_deploy import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings

storages = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
call_command("migrate", verbosity=0)  # the sign-in page reads the company profile
with override_settings(STORAGES=storages):
    response = Client().get("/accounts/login/", secure=True, headers={"host": "safety.example.com"})
print(json.dumps({"status": response.status_code, "headers": dict(response.headers)}))
"""


@pytest.fixture(scope="module")
def production_headers():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CELERY_", "EMAIL_"))}
    env = {**clean, **PRODUCTION_ENV, "DATABASE_URL": "sqlite://:memory:"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 200, answer
    return answer["headers"]


pytestmark = pytest.mark.slow


def test_production_pages_send_a_content_security_policy_without_inline_script(production_headers):
    policy = production_headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_production_pages_send_hsts(production_headers):
    assert production_headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_production_pages_refuse_to_be_framed(production_headers):
    assert production_headers["X-Frame-Options"] == "DENY"


def test_production_pages_forbid_type_sniffing(production_headers):
    assert production_headers["X-Content-Type-Options"] == "nosniff"
