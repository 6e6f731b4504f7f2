import pytest

from tests.browser.conftest import login
from tests.organization.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_person_signs_in_and_switches_to_simplified_chinese(page, live_server, settings):
    settings.AXES_ENABLED = False
    UserFactory(username="employee", full_name="李娜")
    login(page, live_server, "employee")
    menu = page.locator("#main-menu")
    assert "Home" in menu.inner_text()
    page.select_option("#language-select", "zh-hans")
    page.wait_for_load_state("networkidle")
    assert "首页" in page.locator("#main-menu").inner_text()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
