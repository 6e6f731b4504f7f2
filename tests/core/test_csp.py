"""Content-Security-Policy (issue 10): no inline script anywhere, so the policy can forbid it."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_DIRS = [ROOT / "templates", *sorted((ROOT / "apps").glob("*/templates"))]

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)
HTMX_INLINE = re.compile(r"\shx-on[:\-]|\shx-[a-z-]+\s*=\s*['\"]\s*(?:js|javascript):", re.IGNORECASE)


def _templates():
    for folder in TEMPLATE_DIRS:
        yield from sorted(folder.rglob("*.html"))


def _offences(pattern):
    found = []
    for path in _templates():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    return found


def test_no_template_has_an_inline_script():
    assert not _offences(INLINE_SCRIPT), "move it into static/js/ (the CSP blocks inline scripts)"


def test_no_template_has_an_inline_event_handler():
    assert not _offences(EVENT_HANDLER), "use a data- attribute handled in static/js/anquan.js"


def test_no_template_has_a_javascript_url_or_evaluated_htmx_attribute():
    assert not _offences(JAVASCRIPT_URL) and not _offences(HTMX_INLINE)


def _policy(response):
    return dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
    )


def test_pages_send_a_policy_that_allows_scripts_only_from_our_own_files(client, employee):
    client.force_login(employee)

    response = client.get(reverse("home"))

    policy = _policy(response)
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy.get("default-src", "")


def test_htmx_is_told_never_to_evaluate_javascript(client, employee):
    client.force_login(employee)

    html = client.get(reverse("home")).content.decode()

    assert '<meta name="htmx-config"' in html and '"allowEval": false' in html


def test_the_policy_allows_no_inline_or_evaluated_script_in_settings():
    script = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
