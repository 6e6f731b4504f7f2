"""Messages rendered for their reader: store a message id and parameters, render in the reader's language.

A notification or a timeline comment is written once but read by people in different languages, and
maybe years later. So a service passes the text as a lazy translation, exactly as it would for a page::

    format_lazy(gettext_lazy("Rectify by {deadline}."), deadline=hazard.deadline)

and :func:`message_dump` turns it into plain JSON data that keeps the message ids, not their
translation. :func:`message_render` makes the text again, in the active language (or the one given):

====================================  ===============================================================
value passed                          stored as
====================================  ===============================================================
``gettext_lazy("…")``                 ``{"msgid": "…"}`` (``pgettext_lazy`` adds ``"context"``)
``ngettext_lazy("…", "…", n)``        ``{"singular": …, "plural": …, "number": n}``
``format_lazy(fmt, *args, **kw)``     ``{"format": fmt, "args": […], "kwargs": {…}}``, recursively
a date / a datetime                   ``{"date": "2026-11-25"}`` / ``{"datetime": "…+08:00"}``, shown in
                                      the reader's date format
a plain string, a number              itself: data (a title, a reason) is never translated
anything else (a model instance,      ``{"text": {"en": …, "zh-hans": …}}``: its ``str()`` in every
another lazy object)                  language of ``settings.LANGUAGES`` (bilingual names)
====================================  ===============================================================

A message whose translation is broken (a translator dropped a ``{placeholder}``) falls back to English
rather than failing the page.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.functional import Promise, lazy

_GETTEXT = "django.utils.translation.gettext"
_PGETTEXT = "django.utils.translation.pgettext"
_NGETTEXT = "django.utils.translation.ngettext"
_NPGETTEXT = "django.utils.translation.npgettext"
_FORMAT = "django.utils.text._format_lazy"


def language_of(user) -> str:
    """The language a person reads in: the one they chose (profile, switcher), else the company's
    default (``LANGUAGE_CODE``). Used for pages, e-mails, PDFs and notifications alike."""
    chosen = getattr(user, "language", "") or ""
    if chosen and chosen in dict(settings.LANGUAGES):
        return chosen
    return settings.LANGUAGE_CODE


# ---------------------------------------------------------------------------------------------- dump


def _attribute(obj, attr: str) -> str:
    return str(getattr(obj, attr))


#: ``lazy_display(course)``: a record's ``display_name`` (or another attribute) as a lazy string, for a
#: message parameter that must follow the reader's language (stored with both languages' values).
lazy_display = lazy(lambda obj, attr="display_name": _attribute(obj, attr), str)


def message_dump(value) -> Any:
    """``value`` (lazy translation, format, date, data) as JSON-able data for :func:`message_render`."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        return _dump_lazy(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    return _snapshot(value)


def _dump_lazy(value: Promise):
    try:
        func, args, kwargs = value.__reduce__()[1][:3]
        name = f"{func.__module__}.{func.__qualname__}"
    except (AttributeError, TypeError, ValueError):
        return _snapshot(value)
    if name == _GETTEXT and len(args) == 1 and not kwargs:
        return {"msgid": str(args[0])}
    if name == _PGETTEXT and len(args) == 2 and not kwargs:
        return {"msgid": str(args[1]), "context": str(args[0])}
    if name in (_NGETTEXT, _NPGETTEXT) and not args and isinstance(kwargs.get("number"), int):
        node = {"singular": kwargs["singular"], "plural": kwargs["plural"], "number": kwargs["number"]}
        if name == _NPGETTEXT:
            node["context"] = kwargs["context"]
        return node
    if name == _FORMAT and args:
        return {
            "format": message_dump(args[0]),
            "args": [message_dump(arg) for arg in args[1:]],
            "kwargs": {key: message_dump(arg) for key, arg in kwargs.items()},
        }
    return _snapshot(value)


def _snapshot(value):
    """``str(value)`` in every language; a plain string when the languages agree (a person's name)."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(value)
    if len(set(texts.values())) == 1:
        return next(iter(texts.values()))
    return {"text": texts}


# ---------------------------------------------------------------------------------------------- render


def message_render(node, language: str | None = None) -> str:
    """The text of a dumped message in ``language`` (default: the active language)."""
    if language:
        with translation.override(language):
            return _render(node)
    return _render(node)


def message_has_text(node) -> bool:
    """Whether a dumped message contains translatable text (not only data such as a title)."""
    if isinstance(node, dict):
        if "msgid" in node or "singular" in node or "text" in node:
            return True
        if "format" in node:
            parts = [node["format"], *node.get("args", []), *node.get("kwargs", {}).values()]
            return any(message_has_text(part) for part in parts)
    return False


def _render(node) -> str:
    if node is None:
        return ""
    if isinstance(node, str):
        return node
    if not isinstance(node, dict):
        return str(node)
    if "msgid" in node:
        if "context" in node:
            return translation.pgettext(node["context"], node["msgid"])
        return translation.gettext(node["msgid"])
    if "singular" in node:
        if "context" in node:
            return translation.npgettext(node["context"], node["singular"], node["plural"], node["number"])
        return translation.ngettext(node["singular"], node["plural"], node["number"])
    if "format" in node:
        return _render_format(node)
    if "date" in node:
        return _render_date(node["date"])
    if "datetime" in node:
        return _render_datetime(node["datetime"])
    if "text" in node:
        return _pick(node["text"])
    return ""


def _render_format(node) -> str:
    args = [_render(arg) for arg in node.get("args", [])]
    kwargs = {key: _render(arg) for key, arg in node.get("kwargs", {}).items()}
    try:
        return _render(node["format"]).format(*args, **kwargs)
    except (IndexError, KeyError, ValueError):
        # A translation with a broken placeholder: the English original still reads right.
        with translation.override("en"):
            try:
                return _render(node["format"]).format(*args, **kwargs)
            except (IndexError, KeyError, ValueError):
                return _render(node["format"])


def _render_date(value: str) -> str:
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return value
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _render_datetime(value: str) -> str:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "SHORT_DATETIME_FORMAT")


def _pick(texts: dict) -> str:
    """The text for the active language: exact, then same base language, then the company default."""
    if not texts:
        return ""
    lang = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    if lang in texts:
        return texts[lang]
    base = lang.split("-")[0]
    for code, text in texts.items():
        if code.split("-")[0] == base:
            return text
    return texts.get(settings.LANGUAGE_CODE) or texts.get("en") or next(iter(texts.values()))
