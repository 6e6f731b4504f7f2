import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Attachment
from .security import security_event
from .selectors import view_permission_for
from .uploads import INLINE_TYPES, STORED_TYPES

logger = logging.getLogger(__name__)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, "ok"
    except Exception as exc:  # any driver error means "down"
        logger.warning("healthz: database unreachable: %s", exc)
        return False, "unreachable"


def _broker_ok():
    """One connection attempt, bounded by the broker timeouts in settings (a hanging broker costs ~1 s)."""
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0, timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT)
        return True, "ok"
    except Exception as exc:
        logger.warning("healthz: broker unreachable: %s", exc)
        return False, "unreachable"


@never_cache
@require_GET
def healthz(request):
    """JSON health for load balancers: 503 when the database is down, 200 otherwise.

    A broker outage is reported (``"status": "degraded"``, ``"broker": "unreachable"``) but answers 200:
    pages still work and e-mails are sent once it is back, so the web container stays in rotation.
    """
    db_ok, db_state = _database_ok()
    checks = {"database": db_state}
    status = "ok" if db_ok else "error"
    if settings.HEALTHZ_CHECK_BROKER:
        broker_ok, broker_state = _broker_ok()
        checks["broker"] = broker_state
        if db_ok and not broker_ok:
            status = "degraded"
    else:
        checks["broker"] = "not configured (tasks run in-process)"
    return JsonResponse({"status": status, "checks": checks}, status=200 if db_ok else 503)


def attachment_response(att, *, variant="file", filename=None):
    """The one way an attachment's bytes leave the server (call it after checking permission).

    Served with the type detected at upload: only re-encoded raster images are shown inline, every
    other file is a download (``Content-Disposition: attachment``); an old row whose type is not one we
    store goes out as ``application/octet-stream``. ``nosniff`` stops the browser guessing. The file
    name is neutral (``filename``, or :attr:`Attachment.download_name`), never the uploaded one.
    """
    thumb = variant == "thumb" and bool(att.thumbnail)
    field = att.thumbnail if thumb else att.file
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    mime = "image/jpeg" if thumb else att.mime_type
    if mime not in STORED_TYPES:
        mime = "application/octet-stream"
    name = filename or att.download_name
    if thumb:
        name = f"{name.rsplit('.', 1)[0]}-thumb.jpg"
    response = FileResponse(handle, content_type=mime, as_attachment=mime not in INLINE_TYPES, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_GET
def attachment_download(request, token, variant="file"):
    """Serve an attachment to a user who may see the record it belongs to; others get a 404."""
    att = get_object_or_404(Attachment.objects.select_related("content_type"), token=token)
    subject = att.subject
    if subject is None or not request.user.has_perm(view_permission_for(subject), subject):
        raise Http404
    return attachment_response(att, variant=variant)


# --- error pages (config/urls.py handler403/handler404; 500 is Django's own view with templates/500.html)


def _back_url(request) -> str:
    """The page the user came from, when it is on this site and not the page that failed."""
    referer = request.headers.get("Referer", "")
    try:
        host = request.get_host()
    except DisallowedHost:
        return ""
    if not referer or not url_has_allowed_host_and_scheme(referer, allowed_hosts={host}):
        return ""
    return "" if referer == request.build_absolute_uri() else referer


def permission_denied(request, exception=None):
    """403: one ``access_denied`` line on the security log, and a page that says where to go."""
    security_event("access_denied", request=request)
    return render(request, "403.html", {"back_url": _back_url(request)}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"back_url": _back_url(request)}, status=404)
