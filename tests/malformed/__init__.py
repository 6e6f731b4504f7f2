"""The malformed-input walk (issue 9, "Bad input never gives a 500"): find every form and query
parameter a page offers, send it hostile values, and record what breaks. ``tests/test_malformed_input.py``
runs it over every URL pattern with every persona."""


def error_messages(response):
    """The error messages a request added (``messages.error``), as text."""
    from django.contrib.messages import get_messages

    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
