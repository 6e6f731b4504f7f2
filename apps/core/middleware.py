"""Last line of defence for "bad input never ends in a 500" (docs/architecture.md, "Rules of the house" 5).

Views turn a service's :class:`ApplicationError` into a form error or a message themselves. Should one
escape anyway (a view that forgot, a race the form could not foresee), the user gets its message —
on the page they came from for a POST, or on a 400 page for a GET — instead of a server error.
``NotAllowed`` is a ``PermissionDenied`` and stays a 403.
"""

import logging

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from .exceptions import ApplicationError, NotAllowed

logger = logging.getLogger(__name__)


class ApplicationErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ApplicationError) or isinstance(exception, NotAllowed):
            return None
        logger.info("ApplicationError reached the middleware on %s: %s", request.path, exception)
        if request.method == "POST":
            messages.error(request, exception.message)
            referer = request.headers.get("Referer", "")
            safe = url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()})
            return redirect(referer if referer and safe else request.path)
        return render(request, "400_application_error.html", {"message": exception.message}, status=400)
