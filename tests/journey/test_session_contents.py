"""A session cookie holding anything this version does not write is no session at all.

A validly signed cookie can still hold what an older version, another app given the same
secret, or a mistake left in it. Whatever it is, the person sees the check start again with
a notice, never a crash; and an error page never depends on what the session holds.
(Issue 28, part 3.)
"""

from __future__ import annotations

import json

import pytest
from flask import session
from itsdangerous import URLSafeTimedSerializer

from app import create_app
from app.journey.cookie import (
    ANSWERS_KEY,
    AUDIENCE_KEY,
    CSRF_SECRET_KEY,
    EXIT_HELP_SEEN_KEY,
    FLASHES_KEY,
    LANGUAGE_KEY,
    LAST_USED_KEY,
)
from tests.support.pages import answer, begin, parse, text_of
from tests.support.project import TEST_SECRET
from tests.support.sessions import answers_in, session_in

STARTED_AGAIN = "Your answers could not be used any more, so the check has started again."

# For each key the app writes, values of a type it never writes there.
NOT_WHAT_THE_APP_WRITES = {
    FLASHES_KEY: [5, "message", {"message": "x"}, [5], [["message"]], [[1, 2]], [None]],
    CSRF_SECRET_KEY: [5, ["a" * 40], None, {"a": 1}],
    LANGUAGE_KEY: [5, ["ro"], {"ro": 1}, None],
    LAST_USED_KEY: ["1700000000", 1.5, True, None, [1]],
    EXIT_HELP_SEEN_KEY: ["yes", 1, None, []],
    AUDIENCE_KEY: [5, ["someone_else"], None],
    ANSWERS_KEY: [["yes"], "yes", {"appearance": 1}, {"appearance": ["yes"]}, {"1": None}],
    "a_key_no_version_wrote": [1, "x"],
}
CASES = [
    pytest.param(key, value, id=f"{key}={json.dumps(value)}")
    for key, values in NOT_WHAT_THE_APP_WRITES.items()
    for value in values
]


@pytest.fixture(scope="module")
def app():
    # PROPAGATE_EXCEPTIONS off, as in production: a failure becomes the friendly page.
    return create_app(
        {
            "TESTING": True,
            "PROPAGATE_EXCEPTIONS": False,
            "SECRET_KEY": TEST_SECRET,
            "EXIT_URL": "https://exit.test/",
        }
    )


@pytest.fixture(scope="module")
def part_way(app) -> dict:
    """What the cookie of someone two answers into the check holds."""
    client = app.test_client()
    begin(client)
    answer(client, "appearance", "yes")
    answer(client, "behaviour", "no")
    contents = session_in(client)
    assert answers_in(client) == {"appearance": "yes", "behaviour": "no"}
    return contents


def signed(app, payload) -> str:
    """`payload` in a cookie signed as the app signs its own."""
    return app.session_interface.get_signing_serializer(app).dumps(payload)


def signed_raw_json(app, payload) -> str:
    """`payload` as plain JSON, signed with the app's key: what a cookie holds before Flask's
    tags (for tuples, bytes, dates, markup) are read back."""
    interface = app.session_interface
    return URLSafeTimedSerializer(
        TEST_SECRET,
        salt=interface.salt,
        serializer=json,
        signer_kwargs={
            "key_derivation": interface.key_derivation,
            "digest_method": interface.digest_method,
        },
    ).dumps(payload)


def assert_starts_again(app, cookie: str) -> None:
    client = app.test_client()
    client.set_cookie("session", cookie)
    # A question page: nothing to carry on with, so back to the start...
    response = client.get("/questions/work")
    assert response.status_code in (302, 303), response.status_code
    assert response.headers["Location"] == "/"
    # ...which says why, once, and shows the way out.
    page = parse(client.get("/"))
    assert STARTED_AGAIN in text_of(page.select_one(".notification"))
    assert page.select_one("a.exit-link")["href"] == "/exit"
    assert parse(client.get("/")).select_one(".notification") is None
    # Nothing the cookie held is kept.
    assert answers_in(client) == {}
    for page_path in ["/", "/before-you-start", "/check-your-answers", "/what-to-do-next"]:
        assert client.get(page_path).status_code < 500, page_path


@pytest.mark.parametrize(("key", "value"), CASES)
def test_a_value_of_a_type_the_app_never_writes_starts_afresh(app, part_way, key, value):
    assert_starts_again(app, signed(app, {**part_way, key: value}))


@pytest.mark.parametrize(
    "payload", [[], [["answers", {}]], 5, "session", None, True], ids=json.dumps
)
def test_a_signed_cookie_that_is_not_a_mapping_starts_afresh(app, payload):
    assert_starts_again(app, signed(app, payload))


@pytest.mark.parametrize(
    "payload",
    [{" d": "not a date"}, {" t": 5}, {" b": "%%%"}, {"answers": {" u": "not-a-uuid"}}],
    ids=json.dumps,
)
def test_a_signed_cookie_whose_contents_cannot_be_read_back_starts_afresh(app, payload):
    # Flask tags what JSON cannot say; a tag around the wrong value fails as it is read.
    assert_starts_again(app, signed_raw_json(app, payload))


def test_the_first_page_opened_with_such_a_cookie_shows_the_notice_too(app, part_way):
    # The case found by probing: one-off messages that are not a list crashed every page.
    client = app.test_client()
    client.set_cookie("session", signed(app, {**part_way, FLASHES_KEY: 5}))
    response = client.get("/")
    assert response.status_code == 200
    assert STARTED_AGAIN in text_of(parse(response).select_one(".notification"))


def test_a_failure_that_leaves_the_session_broken_still_gets_the_friendly_page():
    """The 500 page reads nothing from the session: a request that broke it and then failed
    still shows the friendly page with the way out."""
    app = create_app(
        {
            "TESTING": True,
            "PROPAGATE_EXCEPTIONS": False,
            "SECRET_KEY": TEST_SECRET,
            "EXIT_URL": "https://exit.test/",
        }
    )

    def breaks_the_session_then_fails():
        session[FLASHES_KEY] = 5
        raise RuntimeError("boom")

    app.add_url_rule("/broken", view_func=breaks_the_session_then_fails)
    response = app.test_client().get("/broken")
    assert response.status_code == 500
    page = parse(response)
    assert text_of(page.select_one("h1")) == "Sorry, there is a problem with the service"
    assert page.select_one("a.exit-link")["href"] == "/exit"


def test_an_error_page_leaves_one_off_messages_for_the_next_page(app):
    client = app.test_client()
    begin(client)
    client.set_cookie("session", client.get_cookie("session").value[:-4] + "AAAA")
    not_found = client.get("/no-such-page")
    assert not_found.status_code == 404
    assert parse(not_found).select_one(".notification") is None
    assert "started again" in text_of(parse(client.get("/")).select_one(".notification"))
