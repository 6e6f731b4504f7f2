"""Settings for the Celery worker and beat processes that the real-service tests start.

The embedded default (``config.settings.local``) plus what the test passes in the environment:
DATABASE_URL (the test database), CELERY_BROKER_URL (Redis, or unset for eager beat),
EMAIL_URL (``filemail://<tmp dir>``) and ANQUAN_TEST_QUEUE (a queue name unique to the run, so
the e-mail task a worker queues lands on the same queue that worker consumes).
"""

import os

from config.settings.local import *  # noqa: F403

DEBUG = False
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("ANQUAN_TEST_QUEUE", "celery")
