#!/usr/bin/env python3
"""Check the Dockerfile's steps without a Docker engine: the same commands with the same settings.

The Dockerfile is parsed, not copied, so this check cannot drift from it:

1. the build context is copied into a temporary folder standing in for WORKDIR, honouring .dockerignore;
2. ``ENV`` lines are applied (``/app`` mapped to that folder); ``python``/``pip`` resolve to the current
   virtualenv, so the image's ``pip install -r requirements.txt`` becomes "every pin is installed at
   exactly that version here"; ``apt-get`` steps (system packages) and ``useradd`` (needs root) are
   reported, not run;
3. every other ``RUN`` line is executed verbatim with ``/bin/sh -c`` — today ``compilemessages`` and
   ``collectstatic`` under ``config.settings.production`` — and must succeed;
4. the ``ENTRYPOINT`` is run as the web container runs it (``ANQUAN_MIGRATE=1``: migrate and install the
   schedules, on a throwaway SQLite database) with ``manage.py check --deploy`` as its command, and
   gunicorn loads the ``CMD``'s application with ``--check-config``.

Exit status 0 when every step passed. ``.ci/run`` calls it; run it by hand with
``.venv/bin/python scripts/check_dockerfile.py`` (about half a minute).
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Values a running container gets from docker-compose.yml / .env; only used for step 4.
RUNTIME_ENV = {
    "DJANGO_SECRET_KEY": "check-dockerfile-" + "x" * 48,
    "DJANGO_ALLOWED_HOSTS": "localhost",
    "CELERY_BROKER_URL": "memory://",
    "EMAIL_URL": "consolemail://",
    "ANQUAN_MIGRATE": "1",
}


@dataclass
class Dockerfile:
    base: str = ""
    env: dict[str, str] = field(default_factory=dict)
    workdir: str = "/"
    runs: list[str] = field(default_factory=list)
    entrypoint: list[str] = field(default_factory=list)
    cmd: list[str] = field(default_factory=list)


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs: continuation lines joined, comment lines dropped."""
    result, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or (not stripped and not current):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        if current:
            keyword, _, rest = current.partition(" ")
            result.append((keyword.upper(), rest.strip()))
        current = ""
    return result


def _exec_form(value: str) -> list[str]:
    value = value.strip()
    return json.loads(value) if value.startswith("[") else ["/bin/sh", "-c", value]


def parse(text: str) -> Dockerfile:
    df = Dockerfile()
    for keyword, args in instructions(text):
        if keyword == "FROM":
            df.base = args.split()[0]
        elif keyword == "ENV":
            for token in shlex.split(args):
                name, sep, value = token.partition("=")
                if not sep:
                    raise SystemExit(f"ENV {args!r}: only the NAME=value form is supported here")
                df.env[name] = value
        elif keyword == "WORKDIR":
            df.workdir = args
        elif keyword == "RUN":
            df.runs.append(args)
        elif keyword == "ENTRYPOINT":
            df.entrypoint = _exec_form(args)
        elif keyword == "CMD":
            df.cmd = _exec_form(args)
    return df


def ignored(relative: str, patterns: list[str]) -> bool:
    """Whether .dockerignore ``patterns`` exclude ``relative`` (or a folder above it)."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        if pattern.startswith("**/"):  # at any depth
            if any(fnmatch.fnmatch(p.rsplit("/", 1)[-1], pattern[3:]) for p in prefixes):
                return True
        elif any(fnmatch.fnmatch(p, pattern) for p in prefixes):  # relative to the context's root
            return True
    return False


def copy_context(root: Path, target: Path) -> None:
    """``COPY . .``: the build context minus what .dockerignore excludes."""
    ignore_file = root / ".dockerignore"
    patterns = [p.strip() for p in ignore_file.read_text().splitlines()] if ignore_file.exists() else []
    patterns = [p.rstrip("/") for p in patterns if p and not p.startswith("#")]
    for folder, dirs, files in os.walk(root):
        base = Path(folder).relative_to(root)
        dirs[:] = [d for d in dirs if not ignored((base / d).as_posix(), patterns)]
        for name in files:
            relative = (base / name).as_posix()
            if ignored(relative, patterns):
                continue
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / relative, destination)


def requirement_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins |= requirement_pins(path.parent / line[3:].strip())
        elif "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip()] = version.strip()
    return pins


def check_pins(command: str, app: Path) -> list[str]:
    match = re.search(r"pip install\s+-r\s+(\S+)", command)
    if not match:
        return [f"cannot tell what {command!r} installs"]
    problems = []
    for name, version in requirement_pins(app / match.group(1)).items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name}=={version} is not installed in this virtualenv")
            continue
        if installed != version:
            problems.append(f"{name}=={version} is pinned but {installed} is installed")
    return problems


def apt_packages(command: str) -> list[str]:
    match = re.search(r"apt-get install\s+(.*?)(?:&&|;|$)", command)
    words = match.group(1).split() if match else []
    return [w for w in words if not w.startswith("-")]


def missing_packages(packages: list[str]) -> list[str]:
    if not shutil.which("dpkg-query"):
        return packages
    missing = []
    for package in packages:
        status = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
        ).stdout
        if "install ok installed" not in status:
            missing.append(package)
    return missing


def run(argv: list[str], *, env: dict[str, str], cwd: Path, label: str) -> bool:
    started = time.monotonic()
    result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        print(f"FAIL  {label} (exit {result.returncode}, {elapsed:.1f} s)")
        print((result.stdout + result.stderr)[-6000:])
        return False
    print(f"ok    {label} ({elapsed:.1f} s)")
    return True


def main(root: Path = ROOT) -> int:
    df = parse((root / "Dockerfile").read_text())
    failures = 0
    wanted = re.search(r"python:(\d+\.\d+)", df.base)
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    if wanted and wanted.group(1) != here:
        print(f"warn  the image uses Python {wanted.group(1)}, this virtualenv {here}")

    with tempfile.TemporaryDirectory(prefix="anquan-dockerfile-") as tmp:
        tmp_path = Path(tmp)
        app = tmp_path / df.workdir.strip("/")
        app.mkdir(parents=True, exist_ok=True)
        copy_context(root, app)

        def mapped(value: str) -> str:
            return value.replace(df.workdir, str(app)) if df.workdir != "/" else value

        venv_bin = str(Path(sys.executable).parent)
        env = {
            "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
            "HOME": str(tmp_path),
            "LANG": "C.UTF-8",
            "TMPDIR": str(tmp_path),
        }
        env |= {name: mapped(value) for name, value in df.env.items()}
        Path(env.get("MEDIA_ROOT", app / "media")).mkdir(parents=True, exist_ok=True)

        for command in df.runs:
            short = " ".join(command.split())[:100]
            if "apt-get" in command:
                missing = missing_packages(apt_packages(command))
                note = f"missing here: {' '.join(missing)}" if missing else "all installed here"
                print(f"skip  RUN {short} (system packages; {note})")
            elif re.search(r"\bpip install\b", command):
                problems = check_pins(command, app)
                for problem in problems:
                    print(f"FAIL  {problem}")
                failures += bool(problems)
                if not problems:
                    print(f"ok    RUN {short} (every pin is installed in {venv_bin})")
            elif re.search(r"\buseradd\b", command):
                print(f"skip  RUN {short} (creates the runtime user; needs root)")
            else:
                failures += not run(["/bin/sh", "-c", mapped(command)], env=env, cwd=app, label=f"RUN {short}")

        runtime = env | RUNTIME_ENV | {"DATABASE_URL": f"sqlite:///{tmp_path / 'runtime.sqlite3'}"}
        if df.entrypoint:
            entrypoint = [mapped(part) for part in df.entrypoint]
            check = ["python", "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
            failures += not run(entrypoint + check, env=runtime, cwd=app, label="ENTRYPOINT + check --deploy")
        if df.cmd and df.cmd[0] == "gunicorn":
            failures += not run(df.cmd + ["--check-config"], env=runtime, cwd=app, label="CMD gunicorn --check-config")

    print("Dockerfile check passed." if not failures else f"Dockerfile check: {failures} step(s) failed.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
