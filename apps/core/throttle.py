"""Fixed-window request counters in the Django cache (``CACHE_URL``; the database cache in production).

Used where a form sends something out and must not become a mail cannon (password reset). A counter is
one small cache entry that expires with its window, so memory stays bounded whatever an attacker sends.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def throttle_key(kind: str, value: str) -> str:
    """A cache key for ``value`` (an e-mail address, a client address) that stores no personal data."""
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"throttle:{kind}:{digest}"


def throttle_hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one request against ``key``; True while the window's count is within ``limit``."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr: this is the first hit of a new window
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
