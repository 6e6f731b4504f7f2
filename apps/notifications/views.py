from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from apps.core.pagination import paginate

from .relevance import mark_obsolete
from .selectors import notification_list, unread_count
from .services import notification_mark_read

HTMX_STOP_POLLING = 286  # htmx stops an `hx-trigger="every …"` poll on this status


def _local_path(url: str) -> str | None:
    """``url`` if it is a path on this site (``/hazards/4/``), else None: links never leave Anquan."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return None


@login_required
@require_GET
def inbox(request):
    unread_only = request.GET.get("unread") == "1"
    page = paginate(request, notification_list(user=request.user, unread_only=unread_only))
    page.object_list = mark_obsolete(page.object_list)
    return render(request, "notifications/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def open_notification(request, pk):
    """Mark one message read and follow its link (only to a page of this site)."""
    note = get_object_or_404(notification_list(user=request.user), pk=pk)
    notification_mark_read(user=request.user, notification_ids=[note.pk])
    return redirect(_local_path(note.url) or "notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = notification_mark_read(user=request.user)
    messages.success(request, _("%(count)d message(s) marked as read.") % {"count": count})
    return redirect("notifications:inbox")


@never_cache
@require_GET
def unread_badge(request):
    """The navbar's unread badge, polled by htmx every 60 s; a signed-out page stops polling."""
    if not request.user.is_authenticated:
        return HttpResponse(status=HTMX_STOP_POLLING)
    variant = "phone" if request.GET.get("variant") == "phone" else "nav"
    context = {"count": unread_count(user=request.user), "variant": variant}
    return render(request, "notifications/unread_badge.html", context)
