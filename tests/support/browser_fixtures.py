"""Fixtures for the real-browser tests: Playwright driving Debian's Chromium against the app
on 127.0.0.1. A pytest plugin (tests/conftest.py loads it), so that each feature's folder
can hold its browser tests beside the others: they are the modules named `*_in_chromium.py`.

Without Chromium they are skipped with one line, unless REQUIRE_BROWSER=1 (as in CI),
where a missing browser is a failure. A failing test leaves a screenshot in test-results/.
"""

from __future__ import annotations

import os

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, open_page
from tests.support.servers import PREVIOUS_PATH, exit_destination, live_app

BROWSER_TESTS = "_in_chromium.py"


def is_a_browser_test(item) -> bool:
    return item.path.name.endswith(BROWSER_TESTS)


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists() or not any(is_a_browser_test(item) for item in items):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but there is no browser at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM}")
    for item in items:
        if is_a_browser_test(item):
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


@pytest.fixture
def page(browser, request):
    return open_page(browser, request, viewport={"width": 360, "height": 740})


@pytest.fixture
def page_without_js(browser, request):
    return open_page(
        browser, request, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
