"""The way out opens at once whatever the request carries: any parameter, a stale form, an
idle kiosk session, a cookie that cannot be used, or no cookie at all (issue 28, part 3).
How large a request may be, directly and through nginx, is in
tests/deployment/test_header_sizes.py."""

from __future__ import annotations

import time

import pytest

from app import create_app
from app.journey.cookie import LANGUAGE_KEY, LAST_USED_KEY
from app.views.leaving import CLEAR_SITE_DATA
from tests.support.pages import answer, begin, complete_check, parse, text_of
from tests.support.project import TEST_SECRET
from tests.support.sessions import session_in

KIOSK_IDLE_SECONDS = 120


@pytest.fixture(scope="module", params=["public", "kiosk"])
def any_app(request):
    """The check on a person's own device, and on a kiosk (its own exit destination). Built
    once: the app keeps nothing between requests."""
    settings = {"TESTING": True, "SECRET_KEY": TEST_SECRET, "EXIT_URL": "https://exit.test/"}
    if request.param == "kiosk":
        settings.update(KIOSK_MODE=True, EXIT_URL=None)
    return create_app(settings)


def destination_of(app) -> str:
    return "/welcome" if app.config["KIOSK_MODE"] else "https://exit.test/"


def assert_left(app, response) -> None:
    assert response.status_code == 303
    assert response.headers["Location"] == destination_of(app)
    assert response.headers["Clear-Site-Data"] == CLEAR_SITE_DATA


@pytest.mark.parametrize(
    "query",
    ["?lang=ro", "?lang=xx", "?change=1&lang=ar&lang=vi"],
)
def test_leaving_ignores_every_parameter_and_goes_straight_out(any_app, query):
    # The language switch (?lang=) answers every other page with a redirect to itself:
    # on the way out that was one more round trip before the person was gone.
    client = any_app.test_client()
    complete_check(client, {"appearance": "yes"})
    response = client.get("/exit" + query)
    assert_left(any_app, response)
    assert client.get_cookie("session") is None
    # The language asked for on the way out is not remembered either.
    client.get("/")
    assert LANGUAGE_KEY not in session_in(client)


def test_no_check_before_a_view_stands_in_the_way_out(any_app):
    """Every before_request hook, present and future, with the request that gives each of
    them a reason to answer: a language to switch to, a form post without its token and,
    on a kiosk, a session idle for far too long. None may answer a way out."""
    client = any_app.test_client()
    begin(client)
    answer(client, "appearance", "yes")
    cookie = client.get_cookie("session").value
    later = time.time() + 10 * KIOSK_IDLE_SECONDS
    for method in ["GET", "POST"]:
        with (
            any_app.test_request_context(
                "/exit?lang=ro", method=method, headers={"Cookie": f"session={cookie}"}
            ),
            pytest.MonkeyPatch.context() as clock,
        ):
            clock.setattr(time, "time", lambda: later)
            assert any_app.preprocess_request() is None, method


def test_a_session_long_unused_leaves_without_a_detour(any_app, monkeypatch):
    # On a kiosk the idle rule would send it to the start page first.
    kiosk = any_app.test_client()
    begin(kiosk)
    answer(kiosk, "appearance", "yes")
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start + 10 * KIOSK_IDLE_SECONDS)
    assert_left(any_app, kiosk.get("/exit?lang=ro"))
    assert LAST_USED_KEY not in session_in(kiosk)


def test_leaving_clears_the_session_cookie_even_when_none_arrived(any_app):
    # When a request's headers are too large for nginx, the way out is passed on without
    # them (deploy/nginx.conf): the browser's cookie never reaches the app, and the
    # response must still tell the browser to delete it.
    response = any_app.test_client(use_cookies=False).get("/exit")
    assert_left(any_app, response)
    (deletion,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert deletion.startswith("session=;")
    assert "Expires=Thu, 01 Jan 1970" in deletion
    assert "Path=/" in deletion


def test_leaving_with_a_tampered_cookie_or_an_oversized_form_still_leaves(any_app):
    client = any_app.test_client()
    complete_check(client, {"appearance": "yes"})
    tampered = client.get_cookie("session").value[:-4] + "AAAA"
    client.set_cookie("session", tampered)
    assert_left(any_app, client.post("/exit", data={"anything": "x" * 20_000}))
    assert client.get_cookie("session") is None
    # The notice that the cookie could not be used waits for no one: it left with the rest.
    assert parse(client.get("/")).select_one(".notification") is None


def test_a_way_out_asked_for_in_another_language_lands_where_it_always_does(any_app):
    client = any_app.test_client()
    client.get("/?lang=ro")
    page = parse(client.get("/"))
    assert text_of(page.select_one("a.exit-link")) == "Părăsiți site-ul"
    assert page.select_one("a.exit-link")["href"] == "/exit"
    assert_left(any_app, client.get("/exit?lang=ar"))
