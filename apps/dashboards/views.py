from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from apps.notifications.selectors import notification_list

from .panels import panels_for


@login_required
def home(request):
    """The home dashboard: panels for the signed-in person's roles, most urgent work first."""
    user = request.user
    context = {
        "panels": panels_for(request),
        "recent_notifications": notification_list(user=user, unread_only=True)[:5],
    }
    return render(request, "dashboards/home.html", context)
