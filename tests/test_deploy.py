"""Production packaging: docker-compose.yml, the Dockerfile and settings that pass `check --deploy`.

The Docker engine does not run on the CI machine, so the compose file is checked by parsing it and the
production settings by running Django's own deployment checks in a subprocess."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "safety.example.com",
    "DATABASE_URL": "postgres://anquan:secret@postgres:5432/anquan",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
    "EMAIL_URL": "smtp+tls://anquan:secret@smtp.example.com:587",
}


def _manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CELERY_", "EMAIL_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_compose_defines_postgres_redis_web_worker_and_beat():
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(SERVICES)


def test_compose_runs_exactly_one_beat_on_the_database_scheduler():
    beat = SERVICES["beat"]
    assert beat["deploy"]["replicas"] == 1
    assert "django_celery_beat.schedulers:DatabaseScheduler" in beat["command"]


def test_compose_runs_a_celery_worker_on_redis():
    assert SERVICES["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert SERVICES["worker"]["environment"]["CELERY_BROKER_URL"] == "redis://redis:6379/0"


def test_only_the_web_service_migrates_and_the_others_wait_for_it():
    assert SERVICES["web"]["environment"]["ANQUAN_MIGRATE"] == "1"
    for name in ("worker", "beat"):
        assert "ANQUAN_MIGRATE" not in SERVICES[name]["environment"]
        assert SERVICES[name]["depends_on"]["web"]["condition"] == "service_healthy"


def test_compose_keeps_postgres_data_and_media_in_volumes():
    assert "postgres-data:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]
    for name in ("web", "worker"):
        assert "media:/app/media" in SERVICES[name]["volumes"]
    assert {"postgres-data", "media"} <= set(COMPOSE["volumes"])


def test_compose_checks_the_health_of_postgres_redis_and_web():
    for name in ("postgres", "redis", "web"):
        assert SERVICES[name]["healthcheck"]["test"], name


def test_the_web_healthcheck_command_is_valid_python():
    command = SERVICES["web"]["healthcheck"]["test"]
    assert command[:3] == ["CMD", "python", "-c"]
    compile(command[3], "healthcheck", "exec")


def test_compose_requires_the_secrets_instead_of_defaulting_them():
    env = SERVICES["web"]["environment"]
    for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "EMAIL_URL"):
        assert env[name].startswith(f"${{{name}:?"), name
    assert "${POSTGRES_PASSWORD:?" in env["DATABASE_URL"]


def test_the_image_runs_gunicorn_as_a_non_root_user():
    assert DOCKERFILE.startswith("#") and "FROM python:3.11-slim-bookworm" in DOCKERFILE
    assert "\nUSER anquan" in DOCKERFILE
    assert 'CMD ["gunicorn", "config.wsgi"' in DOCKERFILE


def test_the_image_installs_pdf_libraries_gettext_and_a_chinese_font():
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "gettext", "fonts-wqy-microhei"):
        assert package in DOCKERFILE


def test_the_entrypoint_is_an_executable_shell_script():
    entrypoint = ROOT / "scripts" / "docker-entrypoint.sh"
    assert os.access(entrypoint, os.X_OK)
    assert subprocess.run(["sh", "-n", str(entrypoint)]).returncode == 0


@pytest.mark.slow
def test_production_settings_pass_check_deploy_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow
def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
