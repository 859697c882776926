"""Chromium as the browser tests drive it, pages that may not leave 127.0.0.1, and what
the tests look for in a page (focus, accessibility rules)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    # Chromium otherwise calls home at start-up; these machines have no network for it.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
LOCAL_HOSTS = {"127.0.0.1"}

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# How a control looks: compared focused and unfocused, to prove focus can be seen. A radio
# button's own input is invisible; its label's circle shows the focus.
LOOK_OF_FOCUSED = """() => {
    const element = document.activeElement;
    const shown = element.matches("input[type=radio]") ? element.labels[0] : element;
    const pseudo = element.matches("input[type=radio]") ? "::before" : null;
    const look = () => {
        const s = getComputedStyle(shown, pseudo);
        return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.backgroundColor, s.color,
                s.borderWidth, s.textDecorationLine].join("|");
    };
    const focused = look();
    element.blur();
    const unfocused = look();
    element.focus();
    return {tag: element.tagName, text: (shown.innerText || "").trim(),
            visible: focused !== unfocused};
}"""


def tab_to(page, accessible_text: str, *, limit=40):
    """Press Tab until the focused control has this text; check each stop shows focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(LOOK_OF_FOCUSED)
        assert focused["visible"], f"no visible focus on {focused}"
        if focused["text"] == accessible_text:
            return
    raise AssertionError(f"Tab never reached {accessible_text!r} on {page.url}")


def open_page(browser, request, **context_options):
    """A page in a fresh browser context that refuses, and records, any request that
    would leave this machine."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.requests_elsewhere = []

    def only_local(route):
        host = urlsplit(route.request.url).hostname
        if host in LOCAL_HOSTS:
            route.continue_()
        else:
            page.requests_elsewhere.append(route.request.url)
            route.abort()

    context.route(re.compile(r".*"), only_local)
    request.addfinalizer(lambda: _close(request, context, page))
    return page


def _close(request, context, page):
    if getattr(request.node, "failed_in_call", False):
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-120:]
        try:
            page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
        except Exception as error:  # the page may be gone; the test's own error matters more
            print(f"no screenshot for {request.node.nodeid}: {error}")
    requests_elsewhere = page.requests_elsewhere
    context.close()
    assert requests_elsewhere == [], f"requests left 127.0.0.1: {requests_elsewhere}"
