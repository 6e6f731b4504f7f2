"""The security log and the client's address (README "Running in production": trusted proxy, security log).

Every sign-in, failed sign-in, lockout, unlock, throttled password reset and refused page is one line on
the ``anquan.security`` logger, ``key=value`` with JSON-quoted values (a user name cannot break the
line), for example::

    anquan.security event=sign_in_failed user="employee" address="203.0.113.7" path="/accounts/login/"

``client_address`` is the address those lines, the sign-in lockout (django-axes) and the password-reset
throttle use: ``REMOTE_ADDR``, unless ``ANQUAN_TRUSTED_PROXIES`` says how many reverse proxies in front
of the app append to ``X-Forwarded-For`` — then the address the outermost trusted proxy saw. Off by
default, because a client without a proxy could otherwise claim any address in that header.
"""

from __future__ import annotations

import ipaddress
import json
import logging

from django.conf import settings

logger = logging.getLogger("anquan.security")


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_address(request) -> str:
    """The client's IP address, taken from ``X-Forwarded-For`` only behind configured trusted proxies."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = int(getattr(settings, "ANQUAN_TRUSTED_PROXIES", 0) or 0)
    if hops > 0:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        # Each trusted proxy appends the address it saw; the last ``hops`` entries are theirs to vouch for.
        if len(chain) >= hops and _valid(chain[-hops]):
            return chain[-hops]
    return remote


def _who(request) -> str:
    user = getattr(request, "user", None)
    return user.get_username() if user is not None and user.is_authenticated else ""


def security_event(event: str, *, request=None, username: str | None = None, level=logging.WARNING, **fields) -> None:
    """Write one line for ``event``: who, from which address, on which path, plus ``fields``."""
    values = {
        "user": _who(request) if username is None else username,
        "address": client_address(request),
        "path": getattr(request, "path", ""),
        **fields,
    }
    pairs = (f"{key}={json.dumps(str(value), ensure_ascii=False)}" for key, value in values.items())
    line = " ".join([f"event={event}", *pairs])
    logger.log(level, line, extra={"security_event": event, **{f"security_{k}": v for k, v in values.items()}})


# --- receivers (connected in CoreConfig.ready) -------------------------------------------------------------


def on_sign_in(sender, request, user, **kwargs):
    security_event("sign_in", request=request, username=user.get_username(), level=logging.INFO)


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    if getattr(request, "axes_locked_out", False):
        return  # the lockout receiver writes this attempt's line
    security_event("sign_in_failed", request=request, username=(credentials or {}).get("username", ""))


def on_locked_out(sender, request, username, ip_address, **kwargs):
    security_event("sign_in_locked_out", request=request, username=username or "")


class OmitPermissionDenied(logging.Filter):
    """On ``django.request``: drop the warning-with-traceback Django writes for every PermissionDenied.

    A refused page is an expected outcome, not an error; the 403 handler writes one ``access_denied``
    line (user, address, path) on ``anquan.security`` instead.
    """

    def filter(self, record):
        from django.core.exceptions import PermissionDenied

        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, PermissionDenied)
