"""The malformed-input walk (issue 9, "Bad input never gives a 500"): find every form and query
parameter a page offers, send it hostile values, and record what breaks. ``tests/test_malformed_input.py``
runs it over every URL pattern with every persona."""


def error_messages(response):
    """The error messages a request added (``messages.error``), as text."""
    from django.contrib.messages import get_messages

    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def refused(response) -> bool:
    """The request was refused with a message the user sees: either the form page re-rendered with its
    errors (400, what ``core.forms.submit_form`` views do) or a redirect carrying an error message."""
    if response.status_code == 302:
        return bool(error_messages(response))
    if response.status_code != 400:
        return False
    forms = [v for c in (response.context or []) for v in c.flatten().values() if hasattr(v, "errors")]
    return any(getattr(f, "errors", None) for f in forms) or bool(error_messages(response))
