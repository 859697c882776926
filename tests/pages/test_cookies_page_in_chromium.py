"""The cookies page against what a real browser actually receives on a whole journey."""

import pytest

from tests.support.page_states import SOME_YES, to_guidance
from tests.support.servers import live_app


def table_on_cookies_page(page, base) -> dict[str, bool]:
    """name → whether the page says it ends when the browser closes."""
    page.goto(f"{base}/cookies")
    rows = page.locator("table[data-cookie]")
    return {
        rows.nth(i).get_attribute("data-cookie"): rows.nth(i).get_attribute(
            "data-ends-when-the-browser-closes"
        )
        == "true"
        for i in range(rows.count())
    }


def cookies_received(page) -> dict[str, bool]:
    """name → whether the browser will delete it on closing (no expiry date: -1)."""
    return {cookie["name"]: cookie["expires"] == -1 for cookie in page.context.cookies()}


def test_the_cookie_table_matches_what_the_browser_received(page, base_url):
    to_guidance(page, base_url, SOME_YES, "adult")
    received = cookies_received(page)
    assert received == table_on_cookies_page(page, base_url)
    assert received == {"session": True}


@pytest.fixture(scope="module")
def kiosk_url():
    with live_app(KIOSK_MODE=1) as address:
        yield address


def test_the_kiosk_cookie_table_matches_what_the_browser_received(page, kiosk_url):
    to_guidance(page, kiosk_url, SOME_YES, "adult")
    received = cookies_received(page)
    assert received == table_on_cookies_page(page, kiosk_url)
    assert received == {"session": True}
