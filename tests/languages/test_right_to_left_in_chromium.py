"""Every language in Chromium, right to left included: no page scrolls sideways on a small
phone, the page mirrors in Arabic, the quick exit works, and kiosk QR codes are drawn as
they are (never mirrored). `make screenshots` saves the same pages for people to look at.
"""

from __future__ import annotations

import pytest

from app.checklist import load_checklist
from tests.support.browser import open_page
from tests.support.language_walk import walk
from tests.support.project import REAL_CHECKLIST
from tests.support.qr import dark_modules
from tests.support.screen_pixels import dark_cells
from tests.support.servers import live_app

LANGUAGES = load_checklist(REAL_CHECKLIST).languages
WIDTHS = [(320, 640), (360, 740)]

# Wider than the window: what would make the page scroll sideways.
OVERFLOW = """() => {
    const root = document.documentElement;
    return root.scrollWidth <= root.clientWidth ? null : {
        scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
        widest: [...document.querySelectorAll("body *")]
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.width && (r.right > root.clientWidth + 1 || r.left < -1); })
            .slice(-3).map(e => e.outerHTML.slice(0, 100))};
}"""


@pytest.fixture(scope="module")
def kiosk_url():
    with live_app(KIOSK_MODE=1) as address:
        yield address


def test_the_checklist_offers_a_right_to_left_language():
    assert "ar" in LANGUAGES, "needs the Arabic translation"


@pytest.mark.parametrize("width, height", WIDTHS, ids=[f"{w}px" for w, _ in WIDTHS])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways(browser, request, base_url, kiosk_url, language, width, height):
    faults = {}
    for kiosk, base in [(False, base_url), (True, kiosk_url)]:
        page = open_page(browser, request, viewport={"width": width, "height": height})
        for state in walk(page, base, language, kiosk=kiosk):
            assert page.evaluate("document.documentElement.lang") == language, state
            too_wide = page.evaluate(OVERFLOW)
            if too_wide:
                faults[f"{'kiosk ' if kiosk else ''}{state}"] = too_wide
        page.context.close()
    assert faults == {}


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_arabic_pages_mirror(page, base_url):
    page.goto(f"{base_url}/?lang=ar")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    width = page.viewport_size["width"]
    # The way out and its hint sit at the end of the line, as in English: here the left,
    # the hint outermost.
    page.wait_for_selector(".exit-hint", state="visible")
    hint, exit_link = _box(page, ".exit-hint"), _box(page, ".exit-link")
    assert hint["x"] < 40 < exit_link["x"], (hint, exit_link)
    # The warning's bar is on its right-hand side.
    callout = page.locator(".warning-callout").first
    borders = callout.evaluate(
        "e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]"
    )
    assert borders == ["10px", "0px"]
    page.locator("button[name=audience][value=someone_else]").click()
    page.wait_for_url("**/before-you-start")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/questions/appearance")
    # Radios: the circle on the right, its label to its left.
    circle = page.evaluate(
        """() => { const label = document.querySelector(".radios__label");
                   const box = label.closest(".radios__item").getBoundingClientRect();
                   const input = label.previousElementSibling.getBoundingClientRect();
                   return [box.right - input.right, input.left - box.left]; }"""
    )
    assert circle[0] < 5 and circle[1] > 100, circle
    # The back link's chevron points backwards, to the right, and sits on the right.
    back = page.locator(".back-link")
    chevron = back.evaluate(
        """e => { const s = getComputedStyle(e, "::before");
                  return [s.transform, s.right, e.getBoundingClientRect().right]; }"""
    )
    # rotate(135deg): cos 135 = -0.707..., sin 135 = 0.707...
    assert chevron[0].startswith("matrix(-0.707") and ", 0.707" in chevron[0], chevron
    assert chevron[2] > width - 40


def test_the_quick_exit_works_in_arabic(page, base_url, destination):
    page.goto(f"{base_url}/?lang=ar")
    page.route(f"{base_url}/exit", lambda route: route.fulfill(status=204))
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    # "Press 1 more time", in Arabic.
    told = page.locator("[data-exit-status]").inner_text().strip()
    assert told and "Shift, press" not in told, told
    with page.expect_request(f"{base_url}/exit"):
        page.keyboard.press("Shift")
    overlay = page.get_by_role("alert").inner_text()
    assert overlay and overlay != "Loading", overlay
    page.unroute(f"{base_url}/exit")
    for leave in [lambda: page.keyboard.press("Escape"), page.locator(".exit-link").click]:
        page.goto(f"{base_url}/?lang=ar")
        leave()
        page.wait_for_url(destination)
        assert [c for c in page.context.cookies() if c["name"] == "session"] == []


def test_kiosk_qr_codes_are_drawn_unmirrored_in_arabic(browser, request, kiosk_url):
    page = open_page(browser, request, viewport={"width": 1080, "height": 1920})
    for state in walk(page, kiosk_url, "ar", kiosk=True):
        if state == "guidance-someone_else":
            break
    codes = page.locator("img.qr-code")
    assert codes.count() >= 5
    for index in range(codes.count()):
        code = codes.nth(index)
        code.scroll_into_view_if_needed()
        # The modules as drawn on screen are the modules of the image: the image's own
        # were checked against the address it carries in test_kiosk.py.
        size, modules = dark_modules({"src": code.get_attribute("src")})
        assert dark_cells(code.screenshot(), size) == modules, code.get_attribute("alt")
