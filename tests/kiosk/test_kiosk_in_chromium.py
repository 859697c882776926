"""Kiosk mode in a real browser: the idle warning, its countdown, and the screens."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.browser import open_page
from tests.support.page_states import (
    SIGNS,
    SOME_YES,
    answers,
    hold_exits,
    let_the_exit_go,
    to_guidance,
)
from tests.support.project import UK
from tests.support.servers import live_app
from tests.support.walker import BrowserVisitor, click_and_wait, walk_to

IDLE_SECONDS = 120
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def kiosk_url():
    with live_app(KIOSK_MODE=1, KIOSK_IDLE_SECONDS=IDLE_SECONDS) as address:
        yield address


@pytest.fixture
def kiosk_page(browser, request):
    page = open_page(browser, request, viewport={"width": 1080, "height": 1920})
    page.clock.install()
    return page


def answer_first_question(page, base):
    visitor = BrowserVisitor(page, base)
    walk_to(visitor, UK, "someone_else", answers(SOME_YES, "adult"), f"question {SIGNS[0]}")
    visitor.choose("answer", "yes")
    page.wait_for_load_state()


def wait_idle(page, seconds):
    page.clock.fast_forward(seconds * 1000)
    page.clock.run_for(1000)


def test_the_warning_counts_down_30_seconds_before_the_screen_clears(kiosk_page, kiosk_url):
    page = kiosk_page
    answer_first_question(page, kiosk_url)
    warning = page.get_by_role("dialog", name="Are you still there?")
    wait_idle(page, IDLE_SECONDS - 40)
    assert not warning.is_visible()
    wait_idle(page, 10)
    assert warning.is_visible()
    assert page.evaluate("document.activeElement.innerText") == "I'm still here"
    count = int(page.locator("[data-idle-count]").inner_text())
    assert 25 <= count <= 30
    wait_idle(page, count - 21)
    assert page.locator("[data-idle-status]").inner_text() == "Seconds left: 20"


def test_i_am_still_here_keeps_the_screen_and_the_answers(kiosk_page, kiosk_url):
    page = kiosk_page
    answer_first_question(page, kiosk_url)
    wait_idle(page, IDLE_SECONDS - 25)
    with page.expect_response("**/kiosk/still-here") as response:
        page.get_by_role("button", name="I'm still here").click()
    assert response.value.status == 204
    assert not page.get_by_role("dialog").is_visible()
    assert page.url.endswith("/questions/behaviour")
    click_and_wait(page, page.get_by_role("link", name="Back", exact=True))
    assert page.locator("input[value=yes]").is_checked()


def test_nobody_there_clears_the_screen(kiosk_page, kiosk_url):
    page = kiosk_page
    answer_first_question(page, kiosk_url)
    with page.expect_navigation(url=f"{kiosk_url}/"):
        wait_idle(page, IDLE_SECONDS + 1)
    assert "everything on it has been cleared" in page.locator(".notification").inner_text()
    page.goto(f"{kiosk_url}/questions/appearance")
    assert page.url == f"{kiosk_url}/", "the answers are gone: the check starts again"


def test_escape_with_the_warning_open_leaves_for_the_welcome_screen(kiosk_page, kiosk_url):
    page = kiosk_page
    answer_first_question(page, kiosk_url)
    wait_idle(page, IDLE_SECONDS - 25)
    assert page.get_by_role("dialog").is_visible()
    page.keyboard.press("Escape")
    page.wait_for_url(f"{kiosk_url}/welcome")
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome"


@pytest.mark.parametrize("state", ["start", "question", "guidance", "welcome", "idle-warning"])
def test_kiosk_pages_have_no_axe_violations(kiosk_page, kiosk_url, state):
    page = kiosk_page
    if state == "start":
        page.goto(f"{kiosk_url}/")
    elif state == "question":
        answer_first_question(page, kiosk_url)
    elif state == "guidance":
        to_guidance(page, kiosk_url, ["yes", "no", "yes", "no", "no"], "under_18")
    elif state == "welcome":
        page.goto(f"{kiosk_url}/welcome")
    else:
        answer_first_question(page, kiosk_url)
        wait_idle(page, IDLE_SECONDS - 25)
    page.wait_for_load_state()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert page.evaluate(TARGETS_SMALLER_THAN_44_PIXELS) == []


# Every control a finger can touch, measured as laid out (a radio by its label, which is
# what takes the touch).
TARGETS_SMALLER_THAN_44_PIXELS = """() => [...document.querySelectorAll(
        "a[href], button, input:not([type=hidden]), select, textarea, summary")]
    .map(element => element.matches("input[type=radio]") ? element.labels[0] : element)
    .filter(element => element.checkVisibility())
    .map(element => [element, element.getBoundingClientRect()])
    .filter(([, box]) => box.width < 44 || box.height < 44)
    .map(([element, box]) => `${element.outerHTML.slice(0, 60)} ${box.width}x${box.height}`)"""


def test_leave_this_site_inside_the_warning_leaves_like_the_one_at_the_top(kiosk_page, kiosk_url):
    page = kiosk_page
    answer_first_question(page, kiosk_url)
    wait_idle(page, IDLE_SECONDS - 25)
    dialog = page.get_by_role("dialog")
    with page.expect_navigation(url=f"{kiosk_url}/welcome"):
        dialog.get_by_role("link", name="Leave this site").click()
    page.go_back()
    assert page.locator("input:checked").count() == 0, "the question page was replaced"


@pytest.mark.parametrize("key", ["Space", "Enter"])
def test_space_and_enter_press_the_kiosk_buttons(kiosk_page, kiosk_url, key):
    """Buttons, not links dressed as buttons: Space works as well as Enter."""
    page = kiosk_page
    page.goto(f"{kiosk_url}/welcome")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "Begin"
    with page.expect_navigation(timeout=5000):
        page.keyboard.press(key)
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.url.split("?")[0] == f"{kiosk_url}/"

    answer_first_question(page, kiosk_url)
    wait_idle(page, IDLE_SECONDS - 25)
    assert page.evaluate("document.activeElement.innerText") == "I'm still here"
    with page.expect_response("**/kiosk/still-here") as response:
        page.keyboard.press(key)
    assert response.value.status == 204
    assert not page.get_by_role("dialog").is_visible()
    assert page.url.endswith("/questions/behaviour")


# The kiosk is one history entry too: whoever comes next cannot go Back into a visit.


def open_the_kiosk_after_another_page(page, previous_page, kiosk_url) -> int:
    page.goto(previous_page)
    page.goto(f"{kiosk_url}/")
    return page.evaluate("history.length")


def finish_and_clear(page, kiosk_url):
    to_guidance(page, kiosk_url, ["yes", "no", "yes", "no", "no"], "under_18")
    click_and_wait(page, page.get_by_role("button", name="Finish and clear"))
    assert "has been cleared" in page.locator(".notification").inner_text()


def nobody_there(page, kiosk_url):
    answer_first_question(page, kiosk_url)
    with page.expect_navigation(url=f"{kiosk_url}/"):
        wait_idle(page, IDLE_SECONDS + 1)
    page.wait_for_load_state()


def leave(page, kiosk_url):
    answer_first_question(page, kiosk_url)
    with page.expect_navigation(url=f"{kiosk_url}/welcome"):
        page.keyboard.press("Escape")


@pytest.mark.parametrize("clear", [finish_and_clear, nobody_there, leave], ids=lambda f: f.__name__)
def test_back_after_clearing_goes_to_the_page_before_the_kiosk_visit(
    kiosk_page, kiosk_url, previous_page, clear
):
    page = kiosk_page
    entries = open_the_kiosk_after_another_page(page, previous_page, kiosk_url)
    clear(page, kiosk_url)
    assert page.evaluate("history.length") == entries
    page.go_back()
    assert page.url == previous_page


def test_leaving_cancels_a_keep_alive_on_its_way(kiosk_page, kiosk_url):
    """Escape is input too: it may send a keep-alive just before leaving, whose answer would
    bring the session cookie back after the exit cleared it."""
    page = kiosk_page
    answer_first_question(page, kiosk_url)
    held = []
    page.route(f"{kiosk_url}/kiosk/still-here", lambda route: held.append(route))
    exits = hold_exits(page, kiosk_url)
    wait_idle(page, 20)  # past the 15 seconds between keep-alives, far from the warning
    with page.expect_event("requestfailed", timeout=5000) as failed:
        page.keyboard.press("Escape")
    assert failed.value.url == f"{kiosk_url}/kiosk/still-here"
    let_the_exit_go(page, exits)
    page.wait_for_url(f"{kiosk_url}/welcome")
    assert [c for c in page.context.cookies() if c["name"] == "session"] == []
