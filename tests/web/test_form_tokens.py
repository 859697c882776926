"""Form tokens are signed once every few minutes for a session (app/web/csrf.py)."""

from __future__ import annotations

from flask_wtf.csrf import generate_csrf

from app.web import csrf as form_tokens
from tests.support.pages import begin, parse, submit


def token_on(client, url: str) -> str:
    return parse(client.get(url)).select_one("input[name=csrf_token]")["value"]


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_session_gets_the_same_token_for_a_while_then_a_new_one(client, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(form_tokens.time, "monotonic", clock)
    signed = []

    def counting_generate_csrf():
        token = generate_csrf()
        signed.append(token)
        return token

    monkeypatch.setattr(form_tokens, "generate_csrf", counting_generate_csrf)
    begin(client)
    first = token_on(client, "/questions/appearance")
    count = len(signed)
    clock.now += form_tokens.REUSE_SECONDS - 1
    assert token_on(client, "/questions/appearance") == first
    assert token_on(client, "/") == first
    assert len(signed) == count, "signed again within the reuse window"
    clock.now += 2
    fresh = token_on(client, "/questions/appearance")
    assert len(signed) == count + 1, "not signed again after the window"
    # Both are accepted: the reused token is checked like any other.
    for token in (first, fresh):
        response = client.post("/questions/appearance", data={"answer": "no", "csrf_token": token})
        assert response.status_code == 303


def test_sessions_never_share_a_token(app):
    tokens = set()
    for _ in range(3):
        client = app.test_client()
        begin(client)
        tokens.add(token_on(client, "/questions/appearance"))
    assert len(tokens) == 3


def test_the_memory_is_cleared_when_full(app, monkeypatch):
    monkeypatch.setattr(form_tokens, "MOST_REMEMBERED", 2)
    for _ in range(5):
        client = app.test_client()
        begin(client)
        submit(client, "/questions/appearance", {"answer": "no"})
        assert len(app.extensions[form_tokens.RECENT_TOKENS]) <= 2
