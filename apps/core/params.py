"""Numbers from a query string or a posted field that no form parses, checked before they reach the ORM
or ``date()``: ``?year=99999``, ``?department=abc`` or ``person=2**63`` never become a 500.

- :func:`parse_id` for a record id: ``None`` when the text cannot be one, so
  ``get_object_or_404(qs, pk=parse_id(raw))`` answers 404.
- :func:`year_param` (and :func:`int_param`) for a page's own query parameter: a value that is not a
  whole number within bounds is refused with a message on the page, which is then shown for the default.
- :func:`text_param` / :func:`clean_text` for search text: no NUL characters, bounded length.
"""

import re

from django.contrib import messages
from django.utils.translation import gettext as _

from .bounds import MAX_ID, YEAR_MAX, YEAR_MIN

# ASCII digits only (int() also reads "١٢" and "1_000"), and no more than any bounded number has.
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,20}")


def parse_int(raw, *, min_value, max_value):
    """``raw`` as a whole number within bounds, or ``None``."""
    text = str(raw if raw is not None else "").strip()
    if not _WHOLE_NUMBER.fullmatch(text):
        return None
    value = int(text)
    return value if min_value <= value <= max_value else None


def parse_id(raw):
    """A record id from user input, or ``None`` when it cannot be one."""
    return parse_int(raw, min_value=1, max_value=MAX_ID)


def int_param(request, name, *, default, min_value, max_value, message):
    """The integer query parameter ``name``; missing gives ``default``, malformed or out of bounds gives
    ``default`` and the error ``message`` on the page."""
    raw = request.GET.get(name, "")
    if not raw.strip():
        return default
    value = parse_int(raw, min_value=min_value, max_value=max_value)
    if value is None:
        messages.error(request, message)
        return default
    return value


def year_param(request, name="year", *, default):
    """The year a page shows: ``?year=`` between 1900 and 2200, else ``default`` (and a message)."""
    return int_param(
        request,
        name,
        default=default,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        message=_("Choose a year between %(min)s and %(max)s; showing %(year)s.")
        % {"min": YEAR_MIN, "max": YEAR_MAX, "year": default},
    )


def clean_text(value, *, max_length=200):
    """Text read without a form (a search box, a comment field), trimmed, cut to ``max_length`` and
    without NUL characters, which PostgreSQL refuses in any text it is asked to store or compare."""
    return (value or "").replace("\x00", "").strip()[:max_length]


def text_param(request, name, *, default="", max_length=200):
    """A text query parameter, cleaned by :func:`clean_text`."""
    return clean_text(request.GET.get(name, default), max_length=max_length)
