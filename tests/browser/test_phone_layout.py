"""Phone layout (issue 13): the pages each demo role reaches from its navigation, at 390×844 in English
and 简体中文, have no horizontal overflow, no side-scroller, and no primary action under 44 px high.

Which pages: the menu's links and the home page's links, and from each of those pages its
sub-navigation (tabs, toolbar buttons) and the first record of its lists; downloads are skipped.
Every page must answer 200: a link the navigation offers must not lead to a 403. Roles go from the
one who sees most (officer) to the new hire; a page (URL pattern) already checked for an earlier role
is not checked again, except each person's own pages (home, menu, my work, my training, inbox,
profile). The home pages are also checked at 1280 px.

A screenshot of every page checked goes to test-results/phone/ (git-ignored) for a person to look
through. The compact demo is seeded once and all roles and languages run in this one test, which
lists every problem found, not only the first.
"""

import importlib
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve

from apps.organization.models import User
from tests.browser.conftest import login
from tests.emergency.factories import shipped_plan

ROLES = ("officer", "manager", "head", "employee", "newhire")
LANGUAGES = ("en", "zh-hans")
OWN_PAGES = {"home", "hazards:my_work", "training:my_training", "notifications:inbox", "profile"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MIN_TAP = 44
SHOTS = Path(settings.BASE_DIR) / "test-results" / "phone"
SHOT_HEIGHT = 2 * PHONE["height"]  # enough to judge a page; whole long lists cost seconds each
# Downloads (PDFs, CSV, calendar feeds, attachments) are not pages: skipped without being generated.
DOWNLOAD = re.compile(r"\.(pdf|csv|ics)$|/pdf/$|/export/$|/certificates/|/attachments/|[?&]format=csv")

# What a phone user taps: buttons, form fields, tabs, pagination, list rows, and the links that stand
# on their own in cards, lists and list tables (not links inside running text).
PRIMARY = ", ".join(
    [
        "main button",
        "main .btn",
        "main select",
        "main input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file])",
        "main a.nav-link",
        "main a.page-link",
        "main .list-group-item-action",
        "main .card-header a",
        "main .list-group-item a",
        "main .card li > a",
        "main table.table-stack a",
        "main .form-check",
        "main label:has(> input[type=checkbox])",
        "main label:has(> input[type=radio])",
        "nav.navbar .btn",
        "nav.navbar .navbar-toggler",
    ]
)
MENU = "#mainnav .nav-link, #mainnav .dropdown-item, #mainnav select"
MENU_LINKS = "#mainnav a[href]"
HOME_LINKS = "main a[href]"
SUB_LINKS = ", ".join(
    [
        "main .nav a.nav-link[href]",
        "main a.btn[href]",
        "main table tbody tr:first-child a[href]",
        "main .list-group > a.list-group-item-action:first-child[href]",
        "main .list-group-item:first-child a[href]",
    ]
)

MEASURE = """([primary, minTap]) => {
  const root = document.documentElement;
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const describe = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${
    (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40)}"`;
  const small = [...document.querySelectorAll(primary)].filter(visible)
    .filter((el) => el.getBoundingClientRect().height < minTap)
    .map((el) => `${describe(el)} is ${Math.round(el.getBoundingClientRect().height)} px high`);
  const scrollers = [...document.querySelectorAll("main *")].filter((el) => {
    const overflow = getComputedStyle(el).overflowX;
    return (overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth + 1;
  }).map((el) => `${describe(el)} scrolls sideways (${el.scrollWidth} px in ${el.clientWidth} px)`);
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, small, scrollers};
}"""
LINKS = """(selector) => [...document.querySelectorAll(selector)]
  .map((a) => a.getAttribute("href")).filter((href) => href && href.startsWith("/"))"""
SHOW_MENU = "() => document.querySelectorAll('#mainnav .dropdown-menu').forEach((m) => m.classList.add('show'))"


def restore_shipped_data():
    """The checklists and contingency plans the data migrations ship (the demo builds on them),
    re-created when an earlier transactional test flushed them."""
    importlib.import_module("apps.inspections.migrations.0002_default_checklists").create_defaults(apps, None)
    shipped_plan()


def route(path):
    """The URL pattern and name of ``path``: /hazards/7/ and /hazards/9/ are one page."""
    try:
        match = resolve(path.split("?")[0].split("#")[0])
    except Resolver404:
        return path, ""
    return match.route, match.view_name


class Pages:
    """The pages to check for each role, found while checking the role in the first language."""

    def __init__(self):
        self.claimed = set()  # routes checked for an earlier role
        self.by_role = {}

    def plan(self, role, paths):
        """Of ``paths`` (in the order found), those this role checks; remembered for the next language."""
        chosen = self.by_role.setdefault(role, [])
        mine = {route(p)[0] for p in chosen}
        for path in paths:
            pattern, name = route(path)
            if path.startswith("/admin") or DOWNLOAD.search(path) or pattern in mine:
                continue
            if pattern in self.claimed and name not in OWN_PAGES:
                continue
            mine.add(pattern)
            chosen.append(path)
        return chosen

    def close(self, role):
        self.claimed.update(route(p)[0] for p in self.by_role[role])


def visit(page, url):
    """Open ``url``; None when it is a download (certificate, CSV) rather than a page."""
    try:
        response = page.goto(url)
    except Exception as exc:  # Playwright refuses to "navigate" to a download
        if "Download is starting" in str(exc):
            return None
        raise
    if "text/html" not in (response.headers.get("content-type") or ""):
        return None
    return response


def screenshot(page, role, language, path, width):
    slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
    height = min(SHOT_HEIGHT, page.evaluate("() => document.documentElement.scrollHeight"))
    page.screenshot(
        path=SHOTS / f"{width}-{role}-{language}-{slug}.jpg",
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
        type="jpeg",
        quality=70,
    )


def check(page, role, language, path, problems, *, width=PHONE["width"], targets=PRIMARY):
    """Measure the open page (``targets=None``: overflow only) and keep a screenshot of it."""
    measured = page.evaluate(MEASURE, [targets or "none-selected", MIN_TAP])
    where = f"{role} {language} {path}"
    if measured["scrollWidth"] > measured["clientWidth"]:
        overflow = measured["scrollWidth"] - measured["clientWidth"]
        problems.append(f"{where}: {overflow} px wider than the screen")
    if targets:
        problems.extend(f"{where}: {item}" for item in measured["small"] + measured["scrollers"])
    screenshot(page, role, language, path, width)


def check_role(browser, server, role, pages, problems):
    """One role, each language in turn, on a phone: home, the opened menu, then every page to check;
    the first language's pass finds the pages (menu and home links, then their sub-navigation).
    Then the home page on a desktop, signed in with the same session."""
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-US")
    phone.set_default_timeout(15000)
    page = phone.new_page()
    try:
        login(page, server, role)
        for language in LANGUAGES:
            User.objects.filter(username=role).update(language=language)
            page.goto(server.url + "/")
            assert page.locator("html").get_attribute("lang") == language
            check_pages(page, server, role, language, pages, problems)
        cookies = phone.cookies()
    finally:
        phone.close()
    desktop = browser.new_context(viewport=DESKTOP, locale="en-US")
    desktop.add_cookies(cookies)
    page = desktop.new_page()
    try:
        for language in LANGUAGES:
            User.objects.filter(username=role).update(language=language)
            page.goto(server.url + "/")
            check(page, role, language, "/", problems, width=DESKTOP["width"], targets=None)
    finally:
        desktop.close()


def check_pages(page, server, role, language, pages, problems):
    check(page, role, language, "/", problems)
    first = page.evaluate(LINKS, MENU_LINKS) + page.evaluate(LINKS, HOME_LINKS)
    page.click("nav .navbar-toggler")
    page.locator("#mainnav").wait_for(state="visible")
    page.evaluate(SHOW_MENU)
    check(page, role, language, "menu", problems, targets=MENU)
    discovering = role not in pages.by_role
    todo = pages.plan(role, first)
    level_one = set(todo)
    index = 0
    while index < len(todo):
        path = todo[index]
        index += 1
        response = visit(page, server.url + path)
        if response is None:
            continue
        if response.status != 200:
            problems.append(f"{role} {language} {path}: answered {response.status}")
            continue
        check(page, role, language, path, problems)
        if discovering and path in level_one:
            todo = pages.plan(role, page.evaluate(LINKS, SUB_LINKS))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_every_page_each_role_reaches_fits_a_phone_with_thumb_sized_targets(browser, live_server, settings):
    settings.AXES_ENABLED = False
    restore_shipped_data()
    call_command("seed_demo", compact=True, stdout=io.StringIO())
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for language in LANGUAGES:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-US")
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        check(page, "anonymous", language, "/accounts/login/", problems)
        context.close()
    pages = Pages()
    for role in ROLES:
        check_role(browser, live_server, role, pages, problems)
        pages.close(role)
    checked = {role: len(paths) for role, paths in pages.by_role.items()}
    assert checked["officer"] >= 30, f"the officer's navigation should reach every module: {checked}"
    assert min(checked.values()) >= 5, f"every role checks at least its own pages: {checked}"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
