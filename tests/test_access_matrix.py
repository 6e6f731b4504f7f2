"""Walk every URL pattern with every persona (docs/architecture.md, "Rules of the house" 4)."""

import importlib
import pkgutil
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access import LOGIN, Case
from tests.conftest import PERSONAS

# Django's own admin enforces is_staff itself; its hundreds of generated URLs are not ours to list.
EXCLUDED_NAMESPACES = {"admin"}


def _walk(patterns, namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            full_ns = ":".join(x for x in (namespace, ns) if x) or None
            yield from _walk(p.url_patterns, full_ns)
        elif isinstance(p, URLPattern):
            name = p.name
            if name is None:
                yield f"<unnamed {p.pattern}>"
            else:
                yield f"{namespace}:{name}" if namespace else name


def all_url_names():
    return sorted(set(_walk(get_resolver().url_patterns)))


def collect_matrix():
    matrix: dict[str, Case] = {}
    for info in pkgutil.iter_modules(tests.__path__):
        if not info.ispkg or not (Path(tests.__path__[0]) / info.name / "access.py").exists():
            continue
        module = importlib.import_module(f"tests.{info.name}.access")
        overlap = set(matrix) & set(module.ACCESS)
        assert not overlap, f"URL names listed twice in the access matrix: {overlap}"
        matrix.update(module.ACCESS)
    return matrix


MATRIX = collect_matrix()


def test_every_url_pattern_has_an_access_entry():
    missing = [name for name in all_url_names() if name not in MATRIX]
    assert not missing, f"URL patterns without an entry in tests/<app>/access.py: {missing}"


def test_every_access_entry_names_a_real_url_and_every_persona():
    names = set(all_url_names())
    stale = [name for name in MATRIX if name not in names]
    assert not stale, f"access entries for URLs that no longer exist: {stale}"
    for name, case in MATRIX.items():
        assert set(case.expect) == set(PERSONAS), f"{name}: expectations must cover exactly {PERSONAS}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, persona, personas, client, settings):
    settings.AXES_ENABLED = False
    case = MATRIX[url_name]
    kwargs = case.kwargs(personas) if case.kwargs else {}
    url = reverse(url_name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
    user = personas[persona]
    if user is not None:
        client.force_login(user)
    data = case.data(personas, kwargs) if callable(case.data) else (case.data or {})
    response = getattr(client, case.method)(url, data)
    expected = case.expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302, f"{url_name} as {persona}: {response.status_code}"
        assert reverse("login") in response["Location"], f"{url_name} as {persona}: went to {response['Location']}"
    else:
        assert response.status_code == expected, (
            f"{url_name} as {persona}: expected {expected}, got {response.status_code}"
        )
