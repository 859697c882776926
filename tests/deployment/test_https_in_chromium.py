"""The check as it is deployed: Chromium, HTTPS from nginx (deploy/nginx.conf with a
certificate made for the test), two gunicorn instances started as `make run` starts them,
FLASK_TRUSTED_PROXY_COUNT=1. The whole journey, its headers and cookie, then Escape.

Every other test speaks plain HTTP to the app, which is how the first form post over
HTTPS came to be refused for everyone without any test noticing.
"""

from __future__ import annotations

import urllib.request

import pytest

from harness.deployed import UNVERIFIED_TLS, deployed_stack, nginx_or_skip
from tests.support.browser import open_page
from tests.support.page_states import click_and_wait, finish

SIGNS = ["yes", "no", "yes", "not_sure", "no"]
# How "Check your answers" shows them.
SHOWN = ["Yes", "No", "Yes", "Not sure", "No"]


@pytest.fixture(scope="module")
def https_base(tmp_path_factory, destination):
    nginx_or_skip()
    with deployed_stack(tmp_path_factory.mktemp("stack"), EXIT_URL=destination) as (https, _):
        yield https


@pytest.fixture
def https_page(browser, request):
    # The certificate was made a moment ago by the test, so no browser trusts it.
    return open_page(
        browser, request, viewport={"width": 360, "height": 740}, ignore_https_errors=True
    )


def test_the_whole_journey_over_https_then_escape(https_page, https_base, destination):
    page = https_page
    first = page.goto(f"{https_base}/")
    assert first.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    assert first.headers["referrer-policy"] == "same-origin"

    finish(page, https_base, SIGNS, "adult")
    assert page.url == f"{https_base}/check-your-answers"
    shown = page.locator(".summary-list__value").all_inner_texts()
    assert shown == [*SHOWN, "18 or over"], "the answers did not survive the walk"

    with page.expect_navigation() as arrival:
        page.get_by_role("button", name="See what to do next").click()
    guidance = arrival.value
    assert page.url == f"{https_base}/what-to-do-next"
    assert guidance.headers["strict-transport-security"].startswith("max-age=")
    noticed = page.locator("ul.noticed li").all_inner_texts()
    assert noticed == [
        "They look scruffy, malnourished or injured.",
        "They work long hours, wear unsuitable clothing or have the wrong equipment for their job.",
    ]

    (cookie,) = [c for c in page.context.cookies() if c["name"] == "session"]
    assert cookie["secure"] is True
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"

    page.keyboard.press("Escape")
    page.wait_for_url(destination)
    assert [c for c in page.context.cookies() if c["name"] == "session"] == []


def test_a_form_posted_from_another_site_is_refused(https_page, https_base):
    page = https_page
    page.goto(f"{https_base}/")
    click_and_wait(page, page.get_by_role("button", name="I'm worried about someone else"))
    page.goto(f"{https_base}/questions/appearance")
    token = page.locator("input[name=csrf_token]").input_value()
    # The same form with the browser's own cookie and a good token, sent as if from
    # another site: only the Origin is wrong.
    response = page.request.post(
        f"{https_base}/questions/appearance",
        form={"csrf_token": token, "answer": "yes"},
        headers={"Origin": "https://evil.example"},
        max_redirects=0,
    )
    assert response.status == 400
    response = page.request.post(
        f"{https_base}/questions/appearance",
        form={"csrf_token": token, "answer": "yes"},
        headers={"Origin": https_base},
        max_redirects=0,
    )
    assert response.status == 303


def test_a_clients_own_scheme_headers_change_nothing(https_base):
    # They made gunicorn answer 400 "Contradictory scheme headers" behind nginx.
    request = urllib.request.Request(
        f"{https_base}/",
        headers={
            "X-Forwarded-Ssl": "off",
            "X-Forwarded-Protocol": "http",
            "X-Forwarded-Proto": "http",
        },
    )
    with urllib.request.urlopen(request, context=UNVERIFIED_TLS) as response:
        assert response.status == 200
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        assert "; Secure" in response.headers["Set-Cookie"]
