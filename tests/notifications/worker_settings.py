"""Settings for the processes the real-service tests start: Celery worker and beat, and gunicorn.

The embedded default (``config.settings.local``) plus what the test passes in the environment:
DATABASE_URL (the test database, or a test's own SQLite file), CELERY_BROKER_URL (Redis, or unset for
eager tasks), EMAIL_URL (``filemail://<tmp dir>``) and ANQUAN_TEST_QUEUE (a queue name unique to the
run, so the e-mail task a worker queues lands on the same queue that worker consumes). Like
``config.settings.test``: SQLite skips fsync (same locking, no durability for a throwaway file) and
passwords use the fast test hasher.
"""

import os

from config.settings.base import tune_sqlite
from config.settings.local import *  # noqa: F403

DEBUG = False
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("ANQUAN_TEST_QUEUE", "celery")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LANGUAGE_CODE = "en"  # as config.settings.test: the tests read the messages in English
tune_sqlite(DATABASES["default"], init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;")  # noqa: F405
