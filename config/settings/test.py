"""Settings for pytest. DATABASE_URL selects PostgreSQL in CI; SQLite otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
HEALTHZ_CHECK_BROKER = False
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
LANGUAGE_CODE = "en"
REQUIRE_SERVICES = env.bool("REQUIRE_SERVICES", default=False)
