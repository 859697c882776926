"""The quick exit in a real browser: Escape, Shift three times, the link, and what is left."""

import time

import pytest

from tests.support.page_states import continue_to_next_page, reach, start, to_guidance
from tests.support.servers import DESTINATION_TITLE

# Page types to leave from, with where to put the focus first ("" leaves it on the page).
LEAVE_FROM = {
    "start": "",
    "before-you-start": "",
    "question-1": "",
    "question-3-answered": "input[name=answer]:checked",
    "question-1-error": "",
    "check-your-answers": "",
    "guidance-signs-seen": ".start-again button",
    "staying-safe-online": "",
    "not-found": "",
}

WATCH_FOR_BLANKING = """() => {
    window.__keydown = 0; window.__blanked = 0;
    addEventListener("keydown", () => { window.__keydown = performance.now(); }, true);
    new MutationObserver(() => {
        if (!window.__blanked) window.__blanked = performance.now();
    }).observe(document.documentElement, {attributes: true});
}"""

WHAT_IS_STILL_VISIBLE = """() => [...document.body.querySelectorAll("*")]
    .filter(element => element.checkVisibility() && !element.closest(".exit-overlay"))
    .map(element => element.tagName + "." + element.className)"""


def session_cookies(page):
    return [c for c in page.context.cookies() if c["name"] == "session"]


def hold_the_exit(page, base_url):
    """Answer /exit with 204 No Content, so the blanked page stays to be looked at."""
    page.route(f"{base_url}/exit", lambda route: route.fulfill(status=204))


@pytest.mark.parametrize("state", LEAVE_FROM, ids=list(LEAVE_FROM))
def test_escape_blanks_the_page_at_once(page, base_url, state):
    reach(page, base_url, state)
    if LEAVE_FROM[state]:
        page.focus(LEAVE_FROM[state])
    hold_the_exit(page, base_url)
    with page.expect_request(f"{base_url}/exit"):
        page.keyboard.press("Escape")
    assert page.evaluate(WHAT_IS_STILL_VISIBLE) == []
    assert page.title() == ""
    overlay = page.get_by_role("alert")
    assert overlay.inner_text() == "Loading"


@pytest.mark.parametrize("state", LEAVE_FROM, ids=list(LEAVE_FROM))
def test_escape_leaves_for_the_destination_and_takes_the_answers(
    page, base_url, destination, state
):
    reach(page, base_url, state)
    if LEAVE_FROM[state]:
        page.focus(LEAVE_FROM[state])
    left_from = page.url
    page.keyboard.press("Escape")
    page.wait_for_url(destination)
    assert page.title() == DESTINATION_TITLE
    assert session_cookies(page) == []
    page.go_back()
    assert page.url != left_from, "the page left from was replaced in the tab's history"
    assert page.locator("input:checked").count() == 0
    assert "Check your answers" not in page.content()


def test_back_after_leaving_shows_no_answer(page, base_url, destination):
    to_guidance(page, base_url, ["yes", "no", "yes", "no", "no"], "under_18")
    page.get_by_role("link", name="Leave this site").click()
    page.wait_for_url(destination)
    for _ in range(3):
        page.go_back()
        page.wait_for_load_state()
        assert page.locator("input:checked").count() == 0, page.url
        assert "What you can do next" not in page.content(), page.url
        assert "0808 800 5000" not in page.content(), page.url


def test_the_link_leaves_the_same_way_as_the_keys(page, base_url, destination, previous_page):
    page.goto(previous_page)
    start(page, base_url)
    continue_to_next_page(page)
    page.get_by_role("link", name="Leave this site").click()
    page.wait_for_url(destination)
    assert session_cookies(page) == []
    page.go_back()
    # The whole visit was one history entry (test_one_history_entry.py has every journey).
    assert page.url == previous_page


def test_escape_already_used_by_the_page_does_not_leave(page, base_url):
    page.goto(f"{base_url}/")
    # As a native dialog or a menu would: it handles Escape and marks it used.
    page.evaluate(
        """() => document.addEventListener("keydown", event => {
            if (event.key === "Escape") event.preventDefault();
        })"""
    )
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == f"{base_url}/"


def test_shift_three_times_leaves_and_counts_down_aloud(page, base_url, destination):
    page.goto(f"{base_url}/staying-safe-online")
    status = page.locator("[data-exit-status]")
    assert status.get_attribute("role") == "status"
    page.keyboard.press("Shift")
    assert status.inner_text() == "Shift, press 2 more times to leave"
    page.keyboard.press("Shift")
    assert status.inner_text() == "Shift, press 1 more time to leave"
    page.keyboard.press("Shift")
    page.wait_for_url(destination)


@pytest.mark.parametrize(
    "keys",
    [
        ["Shift+A", "Shift+B", "Shift+C"],
        ["Shift", "Shift"],
        ["Shift", "Shift", "a", "Shift"],
        ["Shift", "Shift+Tab", "Shift"],
    ],
    ids=["shift-for-capitals", "two-shifts", "a-letter-in-between", "shift-tab-in-between"],
)
def test_shift_used_otherwise_does_not_leave(page, base_url, keys):
    page.goto(f"{base_url}/")
    for key in keys:
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert page.url == f"{base_url}/"


def test_three_shifts_spread_over_more_than_five_seconds_do_not_leave(page, base_url):
    page.clock.install()
    page.goto(f"{base_url}/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.fast_forward(5100)
    assert page.locator("[data-exit-status]").inner_text() == ""
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == f"{base_url}/"
    assert page.locator("[data-exit-status]").inner_text() == "Shift, press 2 more times to leave"


def test_the_key_hint_shows_only_when_the_keys_work(page, base_url, page_without_js):
    page.goto(f"{base_url}/")
    assert page.get_by_text("or press Esc").is_visible()
    page_without_js.goto(f"{base_url}/")
    assert not page_without_js.get_by_text("or press Esc").is_visible()


def test_a_page_restored_from_the_back_forward_cache_is_reloaded(page, base_url):
    page.goto(f"{base_url}/staying-safe-online")
    with page.expect_navigation():
        page.evaluate("dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")


def test_time_from_escape_to_blank_and_to_the_exit_request(page, base_url, capsys):
    """Prints figures for the benchmark record; asserts nothing about speed."""
    blanked, requested = [], []
    for _ in range(5):
        reach(page, base_url, "question-2")
        page.evaluate(WATCH_FOR_BLANKING)
        hold_the_exit(page, base_url)
        started = time.perf_counter()
        with page.expect_request(f"{base_url}/exit"):
            page.keyboard.press("Escape")
        requested.append((time.perf_counter() - started) * 1000)
        keydown, blank = page.evaluate("[window.__keydown, window.__blanked]")
        blanked.append(blank - keydown)
        page.unroute(f"{base_url}/exit")
    with capsys.disabled():
        print(
            "\n  quick exit in Chromium, median of 5: "
            f"keydown → page blanked {sorted(blanked)[2]:.1f} ms; "
            f"keydown → exit request sent {sorted(requested)[2]:.1f} ms"
        )
