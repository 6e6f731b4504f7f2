from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.pagination import paginate

from .selectors import notification_list
from .services import notification_mark_read


@login_required
def inbox(request):
    unread_only = request.GET.get("unread") == "1"
    page = paginate(request, notification_list(user=request.user, unread_only=unread_only))
    return render(request, "notifications/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def open_notification(request, pk):
    """Mark one message read and follow its link."""
    note = get_object_or_404(notification_list(user=request.user), pk=pk)
    notification_mark_read(user=request.user, notification_ids=[note.pk])
    target = (
        note.url if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts={request.get_host()}) else None
    )
    return redirect(target or "notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = notification_mark_read(user=request.user)
    messages.success(request, _("%(count)d message(s) marked as read.") % {"count": count})
    return redirect("notifications:inbox")
