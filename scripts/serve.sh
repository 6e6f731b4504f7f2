#!/usr/bin/env bash
# Serve the embedded demo: Django's server plus a Celery beat that runs periodic tasks in-process
# (no broker needed: CELERY_TASK_ALWAYS_EAGER is on when CELERY_BROKER_URL is unset).
set -euo pipefail
host=${1:-127.0.0.1}; port=${2:-8000}
py=.venv/bin/python
$py manage.py install_schedules
.venv/bin/celery -A config beat --loglevel=WARNING --scheduler django_celery_beat.schedulers:DatabaseScheduler &
beat=$!
trap 'kill $beat 2>/dev/null || true' EXIT INT TERM
echo
echo "Anquan is running at http://$host:$port/"
echo "Demo logins (password: safety-first): manager, officer, head, employee, newhire"
echo "Scheduled reminders run in-process every few minutes (celery beat, pid $beat). Ctrl-C stops both."
echo
$py manage.py runserver "$host:$port"
