from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from apps.notifications.selectors import recent_unread

from .panels import panels_for


@login_required
def home(request):
    """The home dashboard: panels for the signed-in person's roles, most urgent work first."""
    user = request.user
    context = {
        "panels": panels_for(request),
        "recent_notifications": recent_unread(user=user),
    }
    return render(request, "dashboards/home.html", context)
