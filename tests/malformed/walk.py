"""Send hostile values to every query parameter and form field a page offers, and record what breaks.

What counts as offered is found, not listed: the forms and htmx requests in the page's HTML
(``tests.malformed.forms``) and every query or form key the view *reads*, recorded while it runs
(``ReadKeysMiddleware``). A new view, parameter or field is therefore covered without touching this file.

Every request runs in a savepoint that is rolled back afterwards, so each one meets the same data and
a refused request can be checked for leaving every table as it was (row counts and newest
``updated_at`` per table, one query).
"""

import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.messages import ERROR
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.http import QueryDict
from django.urls import Resolver404, resolve

from tests.core.images import png_bytes

from .forms import ME, MY_USERNAME, find_forms

# --- the hostile values ------------------------------------------------------------------------------

LONG = "x" * 10_000
CORE = {"non-numeric": "abc", "empty": "", "10,000 characters": LONG, "NUL byte": "a\x00b"}
NUMBERS = {
    "negative": "-1",
    "zero (year 0)": "0",
    "year 99999": "99999",
    "3,000,000 (days past year 9999)": "3000000",
    "2**63": str(2**63),
    "10**30": str(10**30),
    "1e400": "1e400",
    "NaN": "NaN",
    "a digit that is not ASCII": "²",  # str.isdigit() says yes, int() says no
}
DATES = {
    "0000-00-00": "0000-00-00",
    "9999-99-99": "9999-99-99",
    "99999-01-01": "99999-01-01",
    "0001-01-01": "0001-01-01",
    "9999-12-31": "9999-12-31",
}
DATETIMES = {
    "0001-01-01T00:00": "0001-01-01T00:00",
    "9999-12-31T23:59": "9999-12-31T23:59",
    "99999-01-01T00:00": "99999-01-01T00:00",
    "0000-00-00T00:00": "0000-00-00T00:00",
}
MONTHS = {"0000-00": "0000-00", "99999-01": "99999-01", "2026-13": "2026-13", "0001-01": "0001-01"}
TIMES = {"25:61": "25:61", "99:99:99": "99:99:99"}

VALUES_BY_KIND = {
    "text": CORE,
    "bool": CORE,
    "choice": {**CORE, "2**63": NUMBERS["2**63"]},
    "number": {**CORE, **NUMBERS},
    "id": {**CORE, **NUMBERS},
    "date": {**CORE, **DATES, "year 99999": "99999", "2**63": NUMBERS["2**63"]},
    "datetime": {**CORE, **DATETIMES, "99999-01-01": "99999-01-01", "9999-12-31": "9999-12-31"},
    "month": {**CORE, **MONTHS, "99999-01-01": "99999-01-01", "year 99999": "99999"},
    "time": {**CORE, **TIMES},
    # A query key without a form to type it: the values that break the usual ways of parsing one.
    "unknown": {
        **CORE,
        **{k: NUMBERS[k] for k in ("negative", "zero (year 0)", "year 99999", "2**63", "10**30")},
        "a digit that is not ASCII": "²",
        **{k: DATES[k] for k in ("0000-00-00", "99999-01-01", "0001-01-01")},
    },
}
# What one request carries in every field at once: after the first persona, and for those refused.
BUNDLE = {k: VALUES_BY_KIND["unknown"][k] for k in ("non-numeric", "NUL byte", "2**63", "99999-01-01")}
LATER = {k: BUNDLE[k] for k in ("non-numeric", "NUL byte", "2**63")}
DENIED = {k: BUNDLE[k] for k in ("non-numeric", "2**63")}

# Query parameters list pages commonly take; each GET page also gets them all at once.
KNOWN_PARAMS = (
    "page", "year", "month", "months", "q", "status", "state", "kind", "area", "department", "person", "site",
    "post", "course", "category", "method", "grade", "format", "all", "mine", "unread", "item", "next",
)  # fmt: skip
TEXT_NAMES = ("q", "search", "host", "find_person", "next", "token", "code", "comment", "note", "title", "name")


def kind_of_param(name):
    """A query key the view reads, without a form to say its type: text by name, anything else unknown."""
    last = name.rsplit("-", 1)[-1]
    return "text" if last in TEXT_NAMES or last.endswith("find_person") else "unknown"


# A formset's management form is Django's own: a few values show a view copes with its refusal (each
# large count makes the page build and render the formset's maximum of rows, so no more than these).
MANAGEMENT_FORM = {
    "TOTAL_FORMS": ("non-numeric", "negative", "year 99999"),
    "INITIAL_FORMS": ("non-numeric", "negative"),
}
IGNORED_BY_DJANGO = ("MIN_NUM_FORMS", "MAX_NUM_FORMS")


def values_for(name, kind):
    last = name.rsplit("-", 1)[-1]
    if last in IGNORED_BY_DJANGO:
        return {}
    values = VALUES_BY_KIND[kind]
    if last in MANAGEMENT_FORM:
        return {label: values[label] for label in MANAGEMENT_FORM[last]}
    return values


def upload_values():
    """Files that must be refused politely: not an image, an SVG, a program, empty, cut short, too large."""
    png = png_bytes()
    limit = settings.ANQUAN_MAX_UPLOAD_MB * 1024 * 1024
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    return {
        "text renamed .jpg": ("photo.jpg", b"this is not an image\n", "image/jpeg"),
        "SVG": ("drawing.svg", svg, "image/svg+xml"),
        ".exe header": ("setup.jpg", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 256, "application/octet-stream"),
        "empty file": ("empty.jpg", b"", "image/jpeg"),
        "truncated PNG": ("cut.png", png[:60], "image/png"),
        "over the size limit": ("big.png", png + b"\x00" * (limit + 1 - len(png)), "image/png"),
    }  # fmt: skip


# --- which keys a view reads -------------------------------------------------------------------------

_IGNORED_CALLERS = (
    f"{Path('django', 'template')}",
    "templatetags",
    f"{Path('django', 'test')}",
    f"{Path('django', 'http')}",
    f"{Path('django', 'utils', 'datastructures')}",
    f"{Path('django', 'middleware')}",
)


class TrackingQueryDict(QueryDict):
    """A request's GET or POST that remembers which keys the code asked for (``*``: it iterated them)."""

    def _note(self, key):
        self.__dict__.setdefault("_read", set()).add(key)

    def _note_all(self):
        frame = sys._getframe(2)
        if not any(part in frame.f_code.co_filename for part in _IGNORED_CALLERS):
            self._note("*")

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def items(self):
        self._note_all()
        return super().items()

    def lists(self):
        self._note_all()
        return super().lists()

    def keys(self):
        self._note_all()
        return super().keys()

    def __iter__(self):
        self._note_all()
        return super().__iter__()


class ReadKeysMiddleware:
    """First in the chain during the walk: makes ``request.GET`` and ``request.POST`` record reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET.__class__ = TrackingQueryDict
        if request.method == "POST":
            request.POST.__class__ = TrackingQueryDict
        return self.get_response(request)


def read_keys(query_dict):
    return set(getattr(query_dict, "_read", ())) - {"csrfmiddlewaretoken"}


# --- did anything change? ----------------------------------------------------------------------------

# Rows a request writes whatever its input: the session and the sign-in throttle's log.
UNWATCHED_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}
_snapshot_sql = None


def _snapshot_query():
    global _snapshot_sql
    if _snapshot_sql is None:
        quote = connection.ops.quote_name
        parts, tables = [], set()
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if model._meta.proxy or not model._meta.managed or table in tables or table in UNWATCHED_TABLES:
                continue
            tables.add(table)
            parts.append(f"(SELECT COUNT(*) FROM {quote(table)})")
            if any(f.attname == "updated_at" for f in model._meta.concrete_fields):
                parts.append(f"(SELECT MAX({quote('updated_at')}) FROM {quote(table)})")
        _snapshot_sql = "SELECT " + ", ".join(parts)
    return _snapshot_sql


def snapshot():
    with connection.cursor() as cursor:
        cursor.execute(_snapshot_query())
        return cursor.fetchone()


# --- sending and judging -----------------------------------------------------------------------------


@dataclass
class Failure:
    persona: str
    method: str
    path: str
    param: str
    value: str
    problem: str

    def __str__(self):
        return f"{self.method.upper()} {self.path} as {self.persona}: {self.param}={self.value!r} → {self.problem}"


def _where(exc):
    """The deepest frame in the project's own code, where the fix belongs."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/apps/" in f.filename]
    frame = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{type(exc).__name__}: {str(exc)[:160]} at {frame.filename.split('/apps/')[-1]}:{frame.lineno}"


def is_refusal(response):
    """4xx, an error message, or a form shown again with its errors."""
    if response.status_code >= 400:
        return True
    storage = getattr(response.wsgi_request, "_messages", None)
    if any(m.level >= ERROR for m in getattr(storage, "_queued_messages", ())):  # added by this request
        return True
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        body = response.content
        return b"is-invalid" in body or b"errorlist" in body or b"invalid-feedback" in body
    return False


@dataclass
class Walker:
    client: object
    persona: str
    user: object
    failures: list = field(default_factory=list)
    requests: int = 0
    baselines: list = field(default_factory=list)  # (form, status, refused): does the walk reach the service?

    def send(self, method, path, query, data=None, *, param="", value="", htmx=False):
        """One request in a rolled-back savepoint; a 5xx, an exception or a change on refusal is a failure."""
        url = path + ("?" + urlencode(query, doseq=True) if query else "")
        headers = {"HX-Request": "true"} if htmx else None
        self.requests += 1
        problem, response = None, None
        with transaction.atomic():
            try:
                before = snapshot()
                response = getattr(self.client, method)(url, data or {}, headers=headers)
                if response.streaming:
                    b"".join(response.streaming_content)
                if response.status_code >= 500:
                    problem = f"HTTP {response.status_code}"
                elif is_refusal(response) and snapshot() != before:
                    problem = f"refused (HTTP {response.status_code}) but data changed"
            except Exception as exc:  # anything escaping the view is a 500 for the user
                problem = _where(exc)
            finally:
                transaction.set_rollback(True)
        self.client.cookies.pop("messages", None)  # each request's messages are its own
        if self.user is not None and response is not None and "_auth_user_id" not in response.wsgi_request.session:
            self.client.force_login(self.user)  # the request signed the persona out (or its session was rolled back)
        if problem:
            label = value if len(value) < 40 else f"{value[:12]}…({len(value)} chars)"
            self.failures.append(Failure(self.persona, method, path, param, label, problem))
        return response

    def me(self, values):
        """Values with the persona put in where a form names a person."""
        if self.user is None:
            return values
        mine = {ME: str(self.user.pk), MY_USERNAME: self.user.username}
        return [mine.get(v, v) for v in values]


def fuzz_params(walker, path, query, keys, *, full):
    """Query keys one at a time with the values for their kind (``full``), else a few bundles."""
    if full:
        for key in sorted(keys):
            for label, value in VALUES_BY_KIND[kind_of_param(key)].items():
                walker.send("get", path, {**query, key: value}, param=key, value=label)
    for label, value in (BUNDLE if full else LATER).items():
        walker.send("get", path, {**query, **dict.fromkeys(keys, value)}, param="(every key)", value=label)


def fuzz_form(walker, form, *, full, done=frozenset()):
    """Submit ``form`` as shown, then with each field (and each key the view reads) made hostile.
    Keys in ``done`` (as ``("param", path, key)``) were already walked on this path."""
    baseline = {name: walker.me(f.values) for name, f in form.fields.items() if f.kind != "file"}
    file_inputs = [name for name, f in form.fields.items() if f.kind == "file"]
    # A browser user attaches a real image where one may be attached (ignored where a file is not wanted).
    good = ("ok.png", png_bytes(), "image/png")
    good_files = dict.fromkeys(file_inputs, good) if form.method == "post" else {}

    def submit(data, query=form.query, files=good_files, *, param="", value=""):
        htmx = form.source.startswith("hx-")
        if form.method == "get":
            return walker.send("get", form.path, {**query, **data}, param=param, value=value, htmx=htmx)
        uploads = {name: SimpleUploadedFile(n, content, content_type=ct) for name, (n, content, ct) in files.items()}
        return walker.send("post", form.path, query, {**data, **uploads}, param=param, value=value, htmx=htmx)

    if not full:
        for label, value in LATER.items():
            submit(dict.fromkeys(baseline, [value]), param="(every field)", value=label)
        return
    response = submit(baseline, param="(as shown)")
    if response is None:
        return
    walker.baselines.append((f"{form.method.upper()} {form.path}", response.status_code, is_refusal(response)))
    read_post = read_keys(response.wsgi_request.POST) if form.method == "post" else set()
    read_get = read_keys(response.wsgi_request.GET)
    body_keys = set(baseline) | read_post
    query_keys = set(form.query) | read_get
    if form.method == "get":
        body_keys |= query_keys
        query_keys = set()
        body_keys = {k for k in body_keys if ("param", form.path, k) not in done}
    else:
        query_keys = {k for k in query_keys if ("param", form.path, k) not in done}
    for name in sorted(body_keys - {"*"} - set(file_inputs)):
        kind = form.fields[name].kind if name in form.fields else kind_of_param(name)
        for label, value in values_for(name, kind).items():
            submit({**baseline, name: [value]}, param=name, value=label)
    for name in sorted(query_keys - {"*"}):
        for label, value in VALUES_BY_KIND[kind_of_param(name)].items():
            submit(baseline, query={**form.query, name: value}, param=f"?{name}", value=label)
    for name in file_inputs:
        for label, bad in upload_values().items():
            submit(baseline, files={**good_files, name: bad}, param=name, value=label)


def resolves(path):
    try:
        return resolve(path)
    except Resolver404:
        return None


def page_forms(response, page_path, *, skip_paths):
    """The forms and htmx requests on a page that lead to one of our own URLs."""
    if response is None or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    forms = []
    for form in find_forms(response.content.decode(), page_path):
        if form.path in skip_paths or resolves(form.path) is None:
            continue
        forms.append(form)
    return forms
