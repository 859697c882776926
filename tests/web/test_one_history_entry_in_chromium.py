"""With JavaScript the whole visit is one entry in the tab's history, so that after leaving,
one Back goes to the page the person was on before the check (static/js/one_entry.js)."""

import pytest

from tests.support.page_states import (
    SIGNS,
    answer_signs,
    click_and_wait,
    continue_to_next_page,
    hold_exits,
    let_the_exit_go,
    start,
    to_guidance,
)
from tests.support.servers import DESTINATION_TITLE, PREVIOUS_TITLE

HISTORY_LENGTH = "history.length"


def mid_way(page, base):
    start(page, base)
    continue_to_next_page(page)  # past "If you need to leave this site quickly"
    answer_signs(page, ["yes", "no"])
    click_and_wait(page, page.get_by_role("link", name="Back", exact=True))
    assert page.url.endswith(f"/questions/{SIGNS[1]}")
    assert page.get_by_label("No", exact=True).is_checked(), "the answer is still there"


def at_the_guidance(page, base):
    to_guidance(page, base, ["yes", "no", "yes", "no", "no"], "under_18")
    # "Staying safe online" and its Back link, which leads back into the check.
    click_and_wait(page, page.get_by_role("link", name="Staying safe online"))
    click_and_wait(page, page.get_by_role("link", name="Back", exact=True))
    assert page.url.endswith("/check-your-answers")
    click_and_wait(page, page.get_by_role("button", name="See what to do next"))


def after_a_language_switch(page, base):
    click_and_wait(page, page.get_by_role("link", name="Română"))
    assert page.locator("html").get_attribute("lang") == "ro"
    click_and_wait(page, page.locator("button[value=someone_else]"))
    click_and_wait(page, page.locator("main form:not([method=post]) button"))
    page.locator("input[value=yes]").check()
    click_and_wait(page, page.locator("main button[type=submit]"))
    assert page.url.endswith(f"/questions/{SIGNS[1]}")


def after_an_error_message(page, base):
    start(page, base)
    continue_to_next_page(page)
    continue_to_next_page(page)  # nothing chosen
    assert page.title().startswith("Error: ")
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    # Focus is on the error summary, as autofocus puts it after a page load.
    page.wait_for_function("document.activeElement.className === 'error-summary'")
    # Its link to the field moves inside the page, without a history entry either.
    page.locator(".error-summary a").click()
    assert page.url.endswith("#answer")


JOURNEYS = {
    "start-only": lambda page, base: None,
    "mid-way": mid_way,
    "at-the-guidance": at_the_guidance,
    "after-a-language-switch": after_a_language_switch,
    "after-an-error-message": after_an_error_message,
}


def press_shift_three_times(page):
    for _ in range(3):
        page.keyboard.press("Shift")


LEAVE_BY = {
    "escape": lambda page: page.keyboard.press("Escape"),
    "shift-x3": press_shift_three_times,
    "link": lambda page: page.locator(".exit-bar [data-exit-link]").click(),
}


def open_the_check_after_another_page(page, previous_page, base_url) -> int:
    page.goto(previous_page)
    page.goto(f"{base_url}/")
    return page.evaluate(HISTORY_LENGTH)


@pytest.mark.parametrize("way", LEAVE_BY)
@pytest.mark.parametrize("journey", JOURNEYS)
def test_one_back_after_leaving_goes_to_the_page_before_the_check(
    page, base_url, destination, previous_page, journey, way
):
    entries = open_the_check_after_another_page(page, previous_page, base_url)
    JOURNEYS[journey](page, base_url)
    # history.length only grows (nothing here goes back), so equal now means equal all along.
    assert page.evaluate(HISTORY_LENGTH) == entries, "the visit added entries to the history"
    LEAVE_BY[way](page)
    page.wait_for_url(destination)
    assert page.title() == DESTINATION_TITLE
    assert page.evaluate(HISTORY_LENGTH) == entries
    page.go_back()
    assert page.url == previous_page
    assert page.title() == PREVIOUS_TITLE


def test_without_javascript_back_can_still_show_the_check_as_the_page_says(
    page_without_js, base_url, destination, previous_page
):
    page = page_without_js
    open_the_check_after_another_page(page, previous_page, base_url)
    start(page, base_url)
    page.get_by_role("link", name="Leave this site").click()
    page.wait_for_url(destination)
    page.go_back()
    assert page.url.startswith(base_url), "without JavaScript, each page is an entry"
    assert page.get_by_role("heading", level=1).count() == 1
    page.goto(f"{base_url}/staying-safe-online")
    assert page.get_by_text("Without it, or in a very old browser, pressing Back").is_visible()


def test_a_slow_answer_shows_the_button_busy_and_is_sent_once(page, base_url):
    start(page, base_url)
    continue_to_next_page(page)
    posts, held = [], []
    page.route(
        f"{base_url}/questions/{SIGNS[0]}",
        lambda route: (
            (posts.append(route), held.append(route))
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.get_by_label("Yes", exact=True).check()
    button = page.get_by_role("button", name="Continue")
    button.click()
    page.wait_for_function("document.querySelector('.is-busy') !== null")
    assert button.get_attribute("aria-disabled") == "true"
    button.click(force=True)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert len(posts) == 1, "pressed again while sending: still one post"
    with page.expect_navigation(url=f"**/questions/{SIGNS[1]}"):
        held[0].continue_()
    assert page.evaluate(HISTORY_LENGTH) == 2  # about:blank, then the check


def test_no_connection_says_so_and_keeps_the_form_as_it_was(page, base_url):
    start(page, base_url)
    continue_to_next_page(page)
    page.route(
        f"{base_url}/questions/{SIGNS[0]}",
        lambda route: (
            route.abort("internetdisconnected")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.get_by_label("Not sure", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    alert = page.locator("form [role=alert]")
    alert.wait_for()
    assert alert.inner_text() == (
        "Sorry, that could not be sent. Check your connection and try again."
    )
    assert page.get_by_label("Not sure", exact=True).is_checked()
    assert page.get_by_role("button", name="Continue").get_attribute("aria-disabled") == "false"
    # The connection is back: the same press now goes on.
    page.unroute(f"{base_url}/questions/{SIGNS[0]}")
    continue_to_next_page(page)
    assert page.url.endswith(f"/questions/{SIGNS[1]}")


def test_leaving_while_an_answer_is_on_its_way_cancels_it(page, base_url, destination):
    """An answer arriving after the exit would set the session cookie again, answers and
    all: it is cancelled as the exit begins, not only when the next page replaces this one."""
    start(page, base_url)
    continue_to_next_page(page)
    held = []
    page.route(
        f"{base_url}/questions/{SIGNS[0]}",
        lambda route: held.append(route) if route.request.method == "POST" else route.continue_(),
    )
    exits = hold_exits(page, base_url)
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_function("document.querySelector('.is-busy') !== null")
    with page.expect_event("requestfailed", timeout=5000) as failed:
        page.keyboard.press("Escape")
    assert failed.value.url == f"{base_url}/questions/{SIGNS[0]}"
    let_the_exit_go(page, exits)
    page.wait_for_url(destination)
    assert [c for c in page.context.cookies() if c["name"] == "session"] == []
