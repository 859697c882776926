"""Chromium, over HTTP/2 through deploy/nginx.conf with TLS, carrying the cookies of other
sites on a shared parent domain: the whole check works, and leaving clears them all.

Over HTTP/2 a browser sends each cookie apart; nginx takes 32 KB of headers in all and joins
the cookies into one line for the app, which gunicorn as shipped takes (issue 28, part 3;
docs/operators.md, "How large a request may be"). HTTP/1.1 and the limits themselves are in
tests/deployment/test_header_sizes.py.
"""

from __future__ import annotations

import pytest

from harness.deployed import deployed_stack, nginx_or_skip
from tests.support.browser import open_page
from tests.support.project import UK
from tests.support.walker import BrowserVisitor, answers_by, walk

# Seven cookies of 4,000 bytes, as other sites might set them for the parent domain: with
# what Chromium sends besides, most of nginx's 32 KB (until issue 28 gunicorn refused every
# request over 4 KB, the way out included).
OTHER_SITES_COOKIES = 7
ONE_COOKIE = 4_000


@pytest.fixture(scope="module")
def https_base(tmp_path_factory, destination):
    nginx_or_skip()
    with deployed_stack(tmp_path_factory.mktemp("stack"), EXIT_URL=destination) as (https, _):
        yield https


@pytest.fixture
def crowded_page(browser, request, https_base):
    page = open_page(
        browser, request, viewport={"width": 360, "height": 740}, ignore_https_errors=True
    )
    page.context.add_cookies(
        [
            {"name": f"other{n}", "value": "v" * (ONE_COOKIE - 7), "url": f"{https_base}/"}
            for n in range(OTHER_SITES_COOKIES)
        ]
    )
    return page


def test_the_whole_check_then_escape_with_a_crowded_cookie_jar(
    crowded_page, https_base, destination
):
    page = crowded_page
    answers = answers_by(UK, lambda question, options: options[0])
    assert list(walk(BrowserVisitor(page, https_base), UK, "someone_else", answers))[-1] == (
        "guidance"
    )
    assert page.locator("h1").inner_text() == "What you can do next"
    names = {cookie["name"] for cookie in page.context.cookies()}
    assert "session" in names and len(names) == OTHER_SITES_COOKIES + 1

    page.keyboard.press("Escape")
    page.wait_for_url(destination)
    # Clear-Site-Data ("cookies", over HTTPS) clears every cookie of the site, the other
    # sites' too: the next visit is not turned away by them either.
    assert page.context.cookies() == []
