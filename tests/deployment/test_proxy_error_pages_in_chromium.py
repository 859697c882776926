"""nginx's own error page in Chromium, as a person meets it when no instance answers:
deploy/nginx.conf with TLS in front of an instance that is down. Its style and script run
under its own policy, it passes axe-core, asks for nothing, and Esc, Shift three times and
the link all lead out (nginx leading there itself, since the app is down)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from harness.deployed import free_port, nginx, nginx_or_skip
from tests.support.browser import AXE_TAGS, open_page
from tests.support.project import UK


@pytest.fixture(scope="module")
def nothing_answering(tmp_path_factory, destination):
    nginx_or_skip()
    folder = tmp_path_factory.mktemp("nginx-errors")
    # Where the app would send the person: here, the test's stand-in destination.
    changes = {f"return 303 {UK.exit_url};": f"return 303 {destination};"}
    with nginx([free_port()], folder, changes) as (https, _):
        yield https


@pytest.fixture
def error_page(browser, request, nothing_answering):
    page = open_page(
        browser, request, viewport={"width": 320, "height": 640}, ignore_https_errors=True
    )
    # Chromium says "Refused to apply inline style ..." (or execute, load) in the console.
    page.refused = []
    page.on("console", lambda m: page.refused.append(m.text) if "Refused" in m.text else None)
    response = page.goto(f"{nothing_answering}/questions/work")
    assert response.status == 502
    return page


def test_it_is_drawn_with_its_own_style_and_passes_axe(error_page):
    page = error_page
    background = page.locator(".exit-link").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(212, 53, 28)"  # its inline style was allowed
    assert page.refused == []  # nothing refused by the page's Content-Security-Policy
    assert page.requests_elsewhere == []
    # Nothing sideways at 320 px, five languages and all.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_the_link_is_the_first_stop_and_leads_out(error_page, destination):
    page = error_page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/exit"
    page.keyboard.press("Enter")
    page.wait_for_url(destination)


@pytest.mark.parametrize("keys", [["Escape"], ["Shift", "Shift", "Shift"]], ids=["Esc", "Shift x3"])
def test_the_keys_lead_out(error_page, destination, keys):
    page = error_page
    for key in keys:
        page.keyboard.press(key)
    page.wait_for_url(destination)
