"""What external audits found (issue 13, part 5), checked in Chromium.

- The onward controls ("Continue", "See what to do next") were links dressed as buttons:
  Space scrolled the page instead of going on. They are buttons now; Space and Enter both
  go on, with or without JavaScript.
- No icon was declared, so browsers asked for /favicon.ico on every visit and got a 404.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from app import create_app
from tests.support.browser import open_page, tab_to
from tests.support.page_states import click_and_wait, finish, start
from tests.support.project import TEST_SECRET


def _go_on_with(page, key: str, label: str) -> str:
    """Tab to the control labelled `label`, press `key`, and return the path it led to."""
    tab_to(page, label)
    with page.expect_navigation(timeout=5000):
        page.keyboard.press(key)
    return urlsplit(page.url).path


@pytest.mark.parametrize("key", ["Space", "Enter"])
@pytest.mark.parametrize("javascript", [True, False])
def test_space_and_enter_go_on_from_every_onward_button(
    browser, request, base_url, key, javascript
):
    page = open_page(browser, request, java_script_enabled=javascript)
    start(page, base_url)
    assert urlsplit(page.url).path == "/before-you-start"
    assert _go_on_with(page, key, "Continue") == "/questions/appearance"

    finish(page, base_url, ["no"] * 5, "adult")
    assert urlsplit(page.url).path == "/check-your-answers"
    assert _go_on_with(page, key, "See what to do next") == "/what-to-do-next"

    # A form sent with a stale token: "Continue" goes back to the same question.
    page.goto(f"{base_url}/questions/age")
    page.evaluate("document.querySelector('input[name=csrf_token]').value = 'stale'")
    page.get_by_label("18 or over", exact=True).check()
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    if javascript:
        # one_entry.js loads the same question afresh with the message above it (issue 15).
        assert urlsplit(page.url).path == "/questions/age"
        assert "Sorry, your answer did not go through" in page.locator(".notification").inner_text()
    else:
        assert page.locator("h1").inner_text() == "Sorry, your answer did not go through"
        assert _go_on_with(page, key, "Continue") == "/questions/age"


# A page that declares no icon: the browser asks for /favicon.ico after it, which shows that
# the recording below sees requests the browser makes on its own (Playwright does not).
CONTROL_PAGE = "/no-icon-declared"


class Recorder:
    """WSGI middleware: remembers every path asked for; serves the control page itself."""

    def __init__(self, app):
        self.app = app
        self.paths: list[str] = []

    def __call__(self, environ, start_response):
        self.paths.append(environ["PATH_INFO"])
        if environ["PATH_INFO"] == CONTROL_PAGE:
            body = b"<!doctype html><title>Control</title><p>No icon here."
            start_response("200 OK", [("Content-Type", "text/html"), ("Cache-Control", "no-store")])
            return [body]
        return self.app(environ, start_response)


@contextmanager
def recorded_app():
    app = create_app({"SECRET_KEY": TEST_SECRET, "EXIT_URL": "http://127.0.0.1:9/weather"})
    recorder = Recorder(app.wsgi_app)
    app.wsgi_app = recorder
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", recorder
    finally:
        server.shutdown()


def wait_for(condition, seconds=3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_no_page_makes_the_browser_ask_for_favicon_ico(browser):
    # A context of its own: with Playwright's request routing on (as in open_page), Chromium
    # asks for no icons at all, so the test could not fail. Only local pages are visited.
    context = browser.new_context()
    page = context.new_page()
    with recorded_app() as (base, recorder), context:
        page.goto(f"{base}/no-such-page")
        page.goto(f"{base}/staying-safe-online")
        finish(page, base, ["yes", "no", "no", "no", "yes"], "under_18")
        click_and_wait(page, page.get_by_role("button", name="See what to do next"))
        assert urlsplit(page.url).path == "/what-to-do-next"
        # The browser asks for an icon after a page has loaded: give it time to.
        time.sleep(1.5)
        assert "/what-to-do-next" in recorder.paths
        assert "/favicon.ico" not in recorder.paths
        # The control, last and under another name for the same server: Chromium remembers
        # an icon it could not get, and would not ask again for the same address.
        page.goto(base.replace("127.0.0.1", "localhost") + CONTROL_PAGE)
        assert wait_for(lambda: "/favicon.ico" in recorder.paths), "the control failed"
