from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from apps.notifications.selectors import recent_unread

from .panels import panels_for

UNREAD_SHOWN = 5


@login_required
def home(request):
    """The home dashboard: panels for the signed-in person's roles, most urgent work first."""
    user = request.user
    context = {
        "panels": panels_for(request),
        "recent_notifications": newest_per_record(recent_unread(user=user, limit=UNREAD_SHOWN * 4)),
    }
    return render(request, "dashboards/home.html", context)


def newest_per_record(notifications, limit=UNREAD_SHOWN):
    """The newest message about each record, so the panel never lists one hazard twice (the inbox
    still holds every message). A message's record is its key up to the first id: ``hazard:11`` for
    ``hazard:11:rectified:…`` (keys name the object, then the kind and period)."""
    shown, seen = [], set()
    for note in notifications[: limit * 4]:
        record = record_of(note.key)
        if record in seen:
            continue
        seen.add(record)
        shown.append(note)
        if len(shown) == limit:
            break
    return shown


def record_of(key: str) -> str:
    parts = key.split(":")
    for i, part in enumerate(parts):
        if part.isdigit():
            return ":".join(parts[: i + 1])
    return key
