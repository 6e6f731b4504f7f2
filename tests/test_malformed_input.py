"""Bad input never gives a 500 (issue 9): every URL pattern, with every persona, gets hostile values in
every query parameter and form field it offers — non-numeric ids, huge and negative numbers, year 0 and
99999, impossible dates, empty and 10,000-character strings, NUL bytes, files that are not images and
files over the size limit. No answer may be a server error, and a refused request changes no data.

The URL kwargs and who may open what come from the access matrix (``tests/<app>/access.py``); the
forms, fields and parameters are discovered (``tests/malformed``), so new ones are covered unasked.
One test per URL pattern, so pytest-xdist spreads the walk over its workers.
"""

import datetime
import json
import os
import time
from urllib.parse import parse_qs, quote

import pytest
from django.urls import NoReverseMatch, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.access import LOGIN
from tests.malformed.forms import Field, Form
from tests.malformed.walk import (
    BUNDLE,
    DENIED,
    KNOWN_PARAMS,
    LONG,
    Walker,
    fuzz_form,
    fuzz_params,
    kind_of_param,
    page_forms,
    read_keys,
)
from tests.test_access_matrix import MATRIX

pytestmark = pytest.mark.slow

# The most able first: the first persona to meet a form or parameter gets every value in every field;
# those after it get a few requests with every field hostile at once.
ORDER = ("officer", "manager", "head", "other_head", "employee", "outsider", "anonymous")
REFUSED = {403, 404}


@pytest.fixture
def world(personas):
    """What create forms pick from: an area (on a site and floor), a course, a post."""
    from tests.organization.factories import AreaFactory, PostFactory
    from tests.training.factories import CourseFactory

    AreaFactory(department=personas["employee"].department)
    CourseFactory()
    PostFactory()


@pytest.fixture
def walk_settings(settings):
    settings.AXES_ENABLED = False
    settings.ANQUAN_MAX_UPLOAD_MB = 1  # the over-size file stays small
    settings.MIDDLEWARE = ["tests.malformed.walk.ReadKeysMiddleware", *settings.MIDDLEWARE]
    return settings


def _host_forms(walker, url_name, kwargs, path, skip):
    """A POST-only URL's form, found on a page of its app that takes the same URL kwargs (its detail page)."""
    namespace = url_name.rpartition(":")[0]
    for candidate in sorted(MATRIX):
        if MATRIX[candidate].method != "get" or candidate.rpartition(":")[0] != namespace:
            continue
        try:
            page = reverse(candidate, kwargs=kwargs)
        except NoReverseMatch:
            continue
        response = walker.send("get", page, {}, param="(host page)")
        forms = [f for f in page_forms(response, page, skip_paths=skip) if f.path == path and f.method == "post"]
        if forms:
            return forms
    return []


def _walk_page(walker, path, query, skip, done):
    response = walker.send("get", path, query, param="(as listed)")
    if response is None:
        return set()
    keys = (read_keys(response.wsgi_request.GET) - {"*"}) | set(query)  # "*": it reads them all alike
    new = {k for k in keys if ("param", path, k) not in done}
    if new:
        fuzz_params(walker, path, query, new, full=True)
    if keys - new:
        fuzz_params(walker, path, query, keys - new, full=False)
    if ("known", path) not in done:
        for label, value in BUNDLE.items():
            walker.send(
                "get", path, {**query, **dict.fromkeys(KNOWN_PARAMS, value)}, param="(list params)", value=label
            )
    done |= {("param", path, k) for k in keys} | {("known", path)}
    for form in page_forms(response, path, skip_paths=skip):
        if form.method == "get" and form.path != path and resolve(form.path).view_name in MATRIX:
            continue  # another page's query (the unread badge, a search box): its own test walks it
        full = form.signature() not in done and not _walked_by_its_own_test(form.path, path)
        fuzz_form(walker, form, full=full, done=done)
        done.add(form.signature())
    return keys


def _walked_by_its_own_test(action, page):
    """A form posting to a POST-only URL of this page's app with this page's URL kwargs: that URL's own
    test finds it here (``_host_forms``), in the state its access entry builds for it."""
    target, here = resolve(action), resolve(page)
    return (
        target.view_name in MATRIX
        and MATRIX[target.view_name].method == "post"
        and target.namespace == here.namespace
        and set(target.captured_kwargs) == set(here.captured_kwargs)
    )


def _walk_action(walker, url_name, case, kwargs, path, query, data, skip, done):
    forms = _host_forms(walker, url_name, kwargs, path, skip)
    if not forms:  # no page shows its form in this state: what the access matrix posts, made hostile
        fields = {
            k: Field(k, kind_of_param(k), [str(v) for v in (v if isinstance(v, list) else [v])])
            for k, v in data.items()
        }
        forms = [Form("post", path, query, fields)]
    for form in forms:
        fuzz_form(walker, form, full=form.signature() not in done)
        done.add(form.signature())


PATH_VALUES = {
    int: {"zero": 0, "2**63": 2**63, "10**30": 10**30},
    str: {"NUL byte": "a\x00b", "10,000 characters": LONG, "non-numeric": "abc"},
}


def _walk_path_kwargs(walker, url_name, kwargs, method, data):
    """The URL's own parts: ``<int:pk>`` takes any digits and ``<str:token>`` any text."""
    for name, value in kwargs.items():
        for label, hostile in PATH_VALUES.get(type(value), {}).items():
            try:
                path = reverse(url_name, kwargs={**kwargs, name: hostile})
            except NoReverseMatch:  # the converter refuses it: send it anyway, it must be a 404
                path = reverse(url_name, kwargs=kwargs).replace(f"/{quote(str(value))}", f"/{quote(hostile)}", 1)
            walker.send(method, path, {}, data if method == "post" else None, param=f"<{name}>", value=label)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_malformed_input_never_gives_a_server_error(url_name, personas, world, client, walk_settings):
    started = time.process_time()
    case = MATRIX[url_name]
    kwargs = case.kwargs(personas) if case.kwargs else {}
    path = reverse(url_name, kwargs=kwargs)
    query = parse_qs(case.query, keep_blank_values=True)
    # Signing out would end the persona's walk; the language form is on every page, so walk it once.
    skip = {reverse("logout")} | ({reverse("language_switch")} if url_name != "language_switch" else set())
    failures, done, keys = [], set(), set(query)
    sent, baselines = 0, []
    for persona in ORDER:
        expected = case.expect[persona]
        if expected == LOGIN:
            continue  # sent to sign in before any input is read (the access matrix proves it)
        user = personas[persona]
        client.logout()
        if user is not None:
            client.force_login(user)
        walker = Walker(client, persona, user, failures)
        data = case.data(personas, kwargs) if callable(case.data) else dict(case.data or {})
        if expected in REFUSED:
            for label, value in DENIED.items():
                hostile = dict.fromkeys(keys | set(data), value)
                if case.method == "get":
                    walker.send("get", path, {**query, **hostile}, param="(every key)", value=label)
                else:
                    walker.send("post", path, query, hostile, param="(every field)", value=label)
        else:
            if "path" not in done:
                _walk_path_kwargs(walker, url_name, kwargs, case.method, data)
                done.add("path")
            if case.method == "get":
                keys |= _walk_page(walker, path, query, skip, done)
            else:
                _walk_action(walker, url_name, case, kwargs, path, query, data, skip, done)
        sent += walker.requests
        baselines += [(persona, *b) for b in walker.baselines]
    if os.environ.get("MALFORMED_REPORT"):  # a file name: one JSON line per URL, for tuning the walk
        with open(os.environ["MALFORMED_REPORT"], "a") as out:
            report = {"url": url_name, "requests": sent, "cpu": time.process_time() - started}
            report |= {"baselines": baselines, "failures": _summary(failures, None)}
            out.write(json.dumps(report) + "\n")
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(_summary(failures))


def _summary(failures, limit=60):
    """One line per (request, field, problem), naming the first value that caused it."""
    seen, lines = set(), []
    for f in failures:
        key = (f.method, f.path, f.param, f.problem.split(" at ")[-1])
        if key not in seen:
            seen.add(key)
            lines.append(str(f))
    return lines[:limit]


# Pages an officer opens without URL kwargs: the list pages and their exports.
LIST_URLS = sorted(
    n for n, c in MATRIX.items() if c.method == "get" and c.kwargs is None and c.expect["officer"] == 200
)
ANY_VALUE = st.one_of(
    st.text(max_size=40),
    st.integers().map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(str),
    st.from_regex(r"-?[0-9]{1,30}(-[0-9]{1,5}){0,2}", fullmatch=True),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(url_name=st.sampled_from(LIST_URLS), key=st.sampled_from(KNOWN_PARAMS), value=ANY_VALUE)
def test_any_value_of_a_list_parameter_gives_no_server_error(url_name, key, value, officer, client, walk_settings):
    """Hypothesis draws what the fixed values above may miss: any text, number or date, on any list page."""
    client.force_login(officer)
    response = client.get(reverse(url_name), {key: value})
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code < 500
