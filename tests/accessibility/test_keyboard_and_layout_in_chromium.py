"""Keyboard-only use, JavaScript turned off, small screens and large text."""

from urllib.parse import urlsplit

import pytest

from tests.support.browser import LOOK_OF_FOCUSED, tab_to
from tests.support.page_states import (
    PAGE_STATES,
    answer_signs,
    click_and_wait,
    continue_to_next_page,
    reach,
    start,
)

ERROR_STATES = {f"question-{n}-error" for n in range(1, 7)}


@pytest.mark.parametrize("state", [s for s in PAGE_STATES if s not in ERROR_STATES])
def test_leave_this_site_is_the_first_tab_stop(page, base_url, state):
    reach(page, base_url, state)
    page.keyboard.press("Tab")
    focused = page.evaluate(LOOK_OF_FOCUSED)
    assert focused["text"] == "Leave this site"
    assert focused["visible"]


@pytest.mark.parametrize("state", sorted(ERROR_STATES))
def test_an_error_page_starts_at_the_error_summary_with_the_exit_first(page, base_url, state):
    reach(page, base_url, state)
    # autofocus is applied when the browser next updates the page, just after it loads.
    page.wait_for_function("document.activeElement.className === 'error-summary'")
    # Back past the language switcher (one link a language) to the exit.
    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.innerText") == "Leave this site":
            break
    else:
        raise AssertionError("Leave this site does not come before the error summary")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement === document.body"), "nothing comes before it"


def press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def answer_by_keyboard(page, *, first_label: str, move_down: int):
    """Tab into the radios, choose with the arrow keys (or Space on the first), Enter."""
    tab_to(page, first_label)
    if move_down:
        for _ in range(move_down):
            page.keyboard.press("ArrowDown")
    else:
        page.keyboard.press("Space")
    tab_to(page, "Continue")
    press_enter_and_wait(page)


def test_the_whole_journey_by_keyboard_alone(page, base_url):
    page.goto(f"{base_url}/")
    tab_to(page, "I'm worried about someone else")
    press_enter_and_wait(page)
    assert page.url.endswith("/before-you-start")
    tab_to(page, "Continue")
    press_enter_and_wait(page)
    for move_down in [0, 1, 0, 2, 1]:  # Yes, No, Yes, Not sure, No
        answer_by_keyboard(page, first_label="Yes", move_down=move_down)
    assert page.url.endswith("/questions/age")
    answer_by_keyboard(page, first_label="Under 18", move_down=0)
    assert page.url.endswith("/check-your-answers")
    tab_to(page, "See what to do next")
    press_enter_and_wait(page)
    assert urlsplit(page.url).path == "/what-to-do-next"  # a GET form's "?" may follow
    assert page.locator("h1").inner_text() == "What you can do next"
    assert page.locator("a[href='tel:08088005000']").count() == 1  # NSPCC: under 18
    assert page.locator("a[href='tel:08004320804']").count() == 1  # GLAA: work answered yes


def test_the_whole_journey_without_javascript(page_without_js, base_url, destination):
    page = page_without_js
    page.goto(f"{base_url}/")
    click_and_wait(page, page.get_by_role("button", name="I'm worried about myself"))
    continue_to_next_page(page)
    continue_to_next_page(page)  # nothing chosen: the error
    assert page.title().startswith("Error: ")
    answer_signs(page, ["yes", "no", "no", "no", "yes"])
    page.get_by_label("18 or over").check()
    continue_to_next_page(page)
    click_and_wait(page, page.get_by_role("link", name="Change your answer to: How old are you?"))
    page.get_by_label("Under 18").check()
    continue_to_next_page(page)
    assert page.url.endswith("/check-your-answers")
    click_and_wait(page, page.get_by_role("button", name="See what to do next"))
    assert page.locator("#guidance-support_for_me_child").is_visible()
    page.get_by_role("link", name="Leave this site").click()
    page.wait_for_url(destination)
    assert [c for c in page.context.cookies() if c["name"] == "session"] == []


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("state", PAGE_STATES)
def test_no_sideways_scrolling_at_320_pixels(browser, request, base_url, state):
    from tests.support.browser import open_page

    page = open_page(browser, request, viewport={"width": 320, "height": 640})
    reach(page, base_url, state)
    assert overflow(page) <= 0


@pytest.mark.parametrize("state", ["start", "question-1-error", "guidance-signs-seen"])
def test_text_at_200_percent_still_fits(browser, request, base_url, state):
    from tests.support.browser import open_page

    page = open_page(browser, request, viewport={"width": 1280, "height": 800})
    reach(page, base_url, state)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert overflow(page) <= 0
    clipped = page.evaluate(
        """() => [...document.querySelectorAll("h1, h2, p, li, label, a, button, dt, dd")]
            .filter(e => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1
                         && getComputedStyle(e).overflowX !== "visible")
            .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert clipped == []
    assert page.get_by_role("link", name="Leave this site").is_visible()


@pytest.mark.parametrize("width, height", [(360, 640), (320, 568)])
def test_the_exit_bar_never_hides_the_error_summary_it_moves_focus_to(
    page, base_url, width, height
):
    """A person at the foot of a long question presses Continue without an answer: the error
    summary takes focus, and the browser scrolls it into view under the sticky exit bar
    unless the page keeps that strip clear (WCAG 2.2: focus not obscured)."""
    page.set_viewport_size({"width": width, "height": height})
    start(page, base_url)
    continue_to_next_page(page)  # before you start
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")
    bar_bottom, summary_top = page.evaluate(
        """[document.querySelector('.exit-bar').getBoundingClientRect().bottom,
            document.activeElement.getBoundingClientRect().top]"""
    )
    assert summary_top >= bar_bottom, (summary_top, bar_bottom)
