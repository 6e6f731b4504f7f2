"""scripts/check_dockerfile.py: it reads the real Dockerfile and fails when a build step would fail.

CI runs the script itself (``.ci/run``); these tests check that it parses what it must run and that a
failing step, or a pin the virtualenv does not match, makes it exit non-zero.
"""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("check_dockerfile", ROOT / "scripts" / "check_dockerfile.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def _context(tmp_path, dockerfile, requirements="Django==5.2.19\n"):
    (tmp_path / "Dockerfile").write_text(dockerfile)
    (tmp_path / "requirements.txt").write_text(requirements)
    (tmp_path / ".dockerignore").write_text(".git\n**/__pycache__\n")
    return tmp_path


def test_the_check_runs_the_dockerfiles_collectstatic_step_under_production_settings(script):
    dockerfile = script.parse((ROOT / "Dockerfile").read_text())
    assert dockerfile.env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert any("collectstatic" in run and "compilemessages" in run for run in dockerfile.runs)
    assert dockerfile.entrypoint == ["/app/scripts/docker-entrypoint.sh"]
    assert dockerfile.cmd[:2] == ["gunicorn", "config.wsgi"]


def test_dockerignore_patterns_exclude_folders_at_the_root_and_marked_names_at_any_depth(script):
    patterns = [".venv", "media", "**/__pycache__"]
    assert script.ignored(".venv/lib/site.py", patterns)
    assert script.ignored("apps/core/__pycache__/x.pyc", patterns)
    assert not script.ignored("apps/media/helpers.py", patterns)


def test_a_build_step_that_fails_fails_the_check(script, tmp_path, capsys):
    root = _context(tmp_path, "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN test -f Dockerfile \\\n && false\n")
    assert script.main(root) == 1
    assert "FAIL  RUN test -f Dockerfile && false" in capsys.readouterr().out


def test_a_build_step_runs_in_the_copied_context_with_the_dockerfiles_env(script, tmp_path):
    root = _context(
        tmp_path, 'FROM python:3.11-slim\nENV GREETING="ni hao" \\\n    HOME_DIR=/app\nWORKDIR /app\nCOPY . .\n'
        'RUN test "$GREETING" = "ni hao" && test "$HOME_DIR" = "$(pwd)" && test -f requirements.txt\n'
    )  # fmt: skip
    assert script.main(root) == 0


def test_a_pin_the_virtualenv_does_not_have_fails_the_check(script, tmp_path, capsys):
    root = _context(tmp_path, "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
                    requirements="Django==1.0\n")  # fmt: skip
    assert script.main(root) == 1
    assert "Django==1.0 is pinned but" in capsys.readouterr().out
