#!/usr/bin/env bash
# Serve the embedded demo: Django's development server plus one Celery beat that runs the periodic
# tasks in-process. With CELERY_BROKER_URL unset the broker is memory:// and CELERY_TASK_ALWAYS_EAGER
# is on, so when beat finds a task due it executes it right there (and the e-mails it queues), with
# no broker and no worker. Beat reads the schedules from the database (django-celery-beat), so edits
# in the admin apply within seconds. A pidfile makes sure only one beat runs per checkout; reminders
# carry unique keys, so even two would not send anything twice.
set -euo pipefail
host=${1:-127.0.0.1}; port=${2:-8000}
py=.venv/bin/python
pidfile=.celery-beat-schedule.pid   # matches .gitignore's .celery-beat-schedule*

$py manage.py install_schedules
.venv/bin/celery -A config beat --loglevel=WARNING \
  --scheduler django_celery_beat.schedulers:DatabaseScheduler --pidfile="$pidfile" &
beat=$!
trap 'kill $beat 2>/dev/null || true' EXIT INT TERM
echo
echo "Anquan is running at http://$host:$port/"
echo "Demo logins (password: safety-first): manager, officer, head, employee, newhire"
echo "Scheduled reminders run in-process (celery beat, pid $beat; log at WARNING). Ctrl-C stops both."
echo
$py manage.py runserver "$host:$port"
