"""From a start page at a language's own address (/ro/), as a person arriving from a search
or a poster's QR code: nothing is stored until they act, the journey goes on in that
language, the whole visit stays one entry in the tab's history, and the quick exit leaves
at once (gunicorn as shipped, Debian's Chromium)."""

import pytest

from tests.support.page_states import SIGNS
from tests.support.servers import DESTINATION_TITLE, PREVIOUS_TITLE
from tests.support.walker import BrowserVisitor, click_and_wait

HISTORY_LENGTH = "history.length"


def only_looking(page, base):
    pass


def switching_language(page, base):
    click_and_wait(page, page.locator(".language-switcher a[hreflang=sq]"))
    assert page.url == f"{base}/sq/"
    assert page.locator("html").get_attribute("lang") == "sq"


def starting_the_check(page, base):
    visitor = BrowserVisitor(page, base)
    visitor.press("audience", "someone_else")
    visitor.go_on()  # past "If you need to leave this site quickly"
    visitor.choose("answer", "yes")
    assert page.url == f"{base}/questions/{SIGNS[1]}"
    assert page.locator("html").get_attribute("lang") == "ro"


VISITS = {"only-looking": only_looking, "switching": switching_language}
VISITS["starting-the-check"] = starting_the_check


@pytest.mark.parametrize("way", ["escape", "link"])
@pytest.mark.parametrize("visit", VISITS)
def test_from_a_languages_address_one_back_after_leaving_goes_to_the_page_before(
    page, base_url, destination, previous_page, visit, way
):
    page.goto(previous_page)
    # A browser set to English, at the Romanian address.
    page.context.set_extra_http_headers({"Accept-Language": "en"})
    page.goto(f"{base_url}/ro/")
    assert page.locator("html").get_attribute("lang") == "ro"
    assert page.context.cookies() == [], "nothing is stored before the person acts"
    entries = page.evaluate(HISTORY_LENGTH)
    VISITS[visit](page, base_url)
    assert page.evaluate(HISTORY_LENGTH) == entries, "the visit added entries to the history"
    if way == "escape":
        page.keyboard.press("Escape")
    else:
        page.locator(".exit-bar [data-exit-link]").click()
    page.wait_for_url(destination)
    assert page.title() == DESTINATION_TITLE
    assert page.evaluate(HISTORY_LENGTH) == entries
    assert [c for c in page.context.cookies() if c["name"] == "session"] == []
    page.go_back()
    assert page.url == previous_page
    assert page.title() == PREVIOUS_TITLE


def test_without_javascript_the_form_there_starts_the_check_in_its_language(
    page_without_js, base_url
):
    page = page_without_js
    page.context.set_extra_http_headers({"Accept-Language": "en"})
    page.goto(f"{base_url}/vi/")
    visitor = BrowserVisitor(page, base_url)
    visitor.press("audience", "myself")
    assert visitor.path == "/before-you-start"
    assert page.locator("html").get_attribute("lang") == "vi"
    visitor.go_on()
    assert visitor.path == f"/questions/{SIGNS[0]}"
    assert page.locator("html").get_attribute("lang") == "vi"
