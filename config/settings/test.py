"""Settings for pytest. DATABASE_URL selects PostgreSQL in CI; SQLite otherwise.

The SQLite test database is a file (one per test process, in the temp directory) rather than
in-memory, so that the tests which start real Celery/beat processes can share it with them.
"""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, env, tune_sqlite

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# One media folder per pytest-xdist worker: a worker that finishes first removes only its own files.
MEDIA_ROOT = BASE_DIR / ".test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
HEALTHZ_CHECK_BROKER = False
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
LANGUAGE_CODE = "en"
REQUIRE_SERVICES = env.bool("REQUIRE_SERVICES", default=False)
# Where the real-service tests find Redis (CI sets it; DB 15 keeps clear of a developer's data).
CELERY_TEST_BROKER_URL = env("CELERY_TEST_BROKER_URL", default="redis://127.0.0.1:6379/15")

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"anquan-test-{os.getpid()}.sqlite3"),
    }
    # A throwaway database: skip fsync, so a file costs no more than SQLite's in-memory default. WAL as
    # everywhere else: the worker, beat and web processes some tests start open this file with the
    # embedded default's settings, and a connection asking for another journal mode would fight them.
    tune_sqlite(DATABASES["default"], init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;")
