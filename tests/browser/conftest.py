"""Real-browser tests: Playwright driving Debian's Chromium against the app on 127.0.0.1.

Without Chromium they are skipped with one line, unless REQUIRE_BROWSER=1 (as in CI),
where a missing browser is a failure. A failing test leaves a screenshot in test-results/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.servers import PREVIOUS_PATH, exit_destination, live_app

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


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but there is no browser at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM}")
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.failed_in_call = report.failed
    return report


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def destination():
    with exit_destination() as address:
        yield address


@pytest.fixture(scope="session")
def previous_page(destination):
    """A page of another site, to open before the check (served beside the destination)."""
    return destination.rsplit("/", 1)[0] + PREVIOUS_PATH


@pytest.fixture(scope="session")
def base_url(destination):
    with live_app(EXIT_URL=destination) as address:
        yield address


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


@pytest.fixture
def page(browser, request):
    return open_page(browser, request, viewport={"width": 360, "height": 740})


@pytest.fixture
def page_without_js(browser, request):
    return open_page(
        browser, request, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
