"""What a test client's session cookie holds, read through the keys app/journey/cookie.py
names (never written as strings in a test)."""

from __future__ import annotations

from app.journey.cookie import ANSWERS_KEY


def session_in(client) -> dict:
    """Everything the client's session cookie holds now."""
    with client.session_transaction() as session:
        return dict(session)


def answers_in(client) -> dict:
    return dict(session_in(client).get(ANSWERS_KEY, {}))
