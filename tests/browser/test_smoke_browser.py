import io
import re

import pytest
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import login

CJK = re.compile(r"[\u4e00-\u9fff]")


def chinese(message):
    """Our own catalogue's translation of a navigation label (not Django's: its admin catalogue already
    translates words like "Home", which would make this test pass with an empty catalogue of ours)."""
    with translation.override("zh-hans"):
        return translation.gettext(message)


@pytest.mark.django_db(transaction=True)
def test_demo_employee_signs_in_switches_to_simplified_chinese_and_sees_the_translated_navigation(
    page, live_server, settings
):
    settings.AXES_ENABLED = False
    call_command("seed_demo", only=["organization"], stdout=io.StringIO())
    organisation, inbox = chinese("Organisation"), chinese("Inbox")
    assert CJK.search(organisation), "the zh-hans catalogue has no translation for 'Organisation'"
    assert CJK.search(inbox), "the zh-hans catalogue has no translation for 'Inbox'"

    login(page, live_server, "employee")
    # The company's default language is Simplified Chinese: choose English first, then switch back.
    page.select_option("#language-select", "en")  # submits the switcher: a new page loads
    expect(page.locator("html")).to_have_attribute("lang", "en")
    navigation = page.locator("#mainnav")
    assert "Organisation" in navigation.inner_text()
    assert "Inbox" in navigation.inner_text()

    page.select_option("#language-select", "zh-hans")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")  # waits for the new page, not a race
    text = page.locator("#mainnav").inner_text()
    assert organisation in text
    assert inbox in text
    assert "Organisation" not in text

    # The choice belongs to the person: another page, still in Chinese.
    page.goto(f"{live_server.url}/organization/")
    assert organisation in page.locator("#main-menu").inner_text()
