"""Form posts over HTTPS, as browsers send them: the token and the Origin decide, not Referer."""

import pytest

from app.journey.cookie import AUDIENCE_KEY
from tests.support.pages import parse, text_of

HTTPS = "https://check.test"


def token_for(client, path):
    page = parse(client.get(path, base_url=HTTPS))
    return page.select_one("input[name=csrf_token]")["value"]


def post_start(client, **headers):
    data = {"csrf_token": token_for(client, "/"), "audience": "someone_else"}
    return client.post("/", data=data, base_url=HTTPS, headers=headers)


def test_https_posts_need_no_referer(client):
    # The fault found behind nginx: with Referer withheld, every first answer was refused.
    response = post_start(client, Origin=HTTPS)
    assert response.status_code == 303
    assert response.headers["Location"] == "/before-you-start"


def test_a_browser_that_sends_neither_referer_nor_origin_still_gets_through_on_its_token(client):
    assert post_start(client).status_code == 303


@pytest.mark.parametrize(
    "origin",
    ["https://evil.test", "http://check.test", "https://check.test:8443", "null"],
)
def test_a_post_from_anywhere_else_is_refused_kindly_and_keeps_the_answers(client, origin):
    assert post_start(client, Origin=HTTPS).status_code == 303
    response = post_start(client, Origin=origin)
    assert response.status_code == 400
    assert "did not go through" in text_of(parse(response).select_one("h1"))
    with client.session_transaction(base_url=HTTPS) as session:
        assert session[AUDIENCE_KEY] == "someone_else"


def test_the_token_is_still_checked_whatever_the_origin(client):
    response = client.post(
        "/",
        data={"csrf_token": "stale", "audience": "someone_else"},
        base_url=HTTPS,
        headers={"Origin": HTTPS},
    )
    assert response.status_code == 400


def test_plain_http_posts_from_this_site_are_accepted(client):
    page = parse(client.get("/"))
    data = {"csrf_token": page.select_one("input[name=csrf_token]")["value"], "audience": "myself"}
    response = client.post("/", data=data, headers={"Origin": "http://localhost"})
    assert response.status_code == 303


def test_a_forgotten_proxy_setting_is_reported_to_the_operator(client, caplog, monkeypatch):
    monkeypatch.setattr("app.web.csrf._warned", False)
    page = parse(client.get("/"))
    data = {"csrf_token": page.select_one("input[name=csrf_token]")["value"], "audience": "myself"}
    response = client.post("/", data=data, headers={"Origin": "https://localhost"})
    assert response.status_code == 400
    assert "set FLASK_TRUSTED_PROXY_COUNT" in caplog.text
