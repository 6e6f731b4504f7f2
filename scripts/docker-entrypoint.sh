#!/bin/sh
# Container entrypoint. The web service sets ANQUAN_MIGRATE=1: it applies migrations, creates the cache
# table (throttle counters; idempotent) and installs the periodic tasks before serving; the worker and
# beat start after web is healthy, so they never race it.
set -e
if [ "${ANQUAN_MIGRATE:-0}" = "1" ]; then
  python manage.py migrate --noinput
  python manage.py createcachetable
  python manage.py install_schedules
fi
exec "$@"
