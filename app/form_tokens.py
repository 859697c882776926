"""CSRF tokens for forms, signed once every few minutes for a session, not for every page.

Flask-WTF keeps a random secret for each session in the session (`csrf_token`), and puts into
each form that secret signed with the time. Signing it costs about 60 microseconds here, a
fifth of a question page, and a token signed a few minutes ago is just as good: Flask-WTF
checks it the same way, and it expires REUSE_SECONDS sooner than a new one would (the limit,
WTF_CSRF_TIME_LIMIT, is an hour). So each worker remembers the tokens it signed lately.

They hold nothing about the person: a token only repeats the random secret their own cookie
carries. Forgetting them all costs only the signing again, so the memory is simply cleared
when it is full, and any instance can serve any request.
"""

from __future__ import annotations

import time

from flask import current_app
from flask_wtf.csrf import generate_csrf

from . import session_data

REUSE_SECONDS = 300
MOST_REMEMBERED = 10_000
EXTENSION = "recent_form_tokens"


def form_token() -> str:
    """A signed CSRF token for this session's forms."""
    recent: dict[str, tuple[float, str]] = current_app.extensions.setdefault(EXTENSION, {})
    now = time.monotonic()
    secret = session_data.csrf_secret()
    remembered = recent.get(secret) if isinstance(secret, str) else None
    if remembered is not None and now - remembered[0] < REUSE_SECONDS:
        return remembered[1]
    token = generate_csrf()  # adds the session's secret if it had none
    secret = session_data.csrf_secret()
    if isinstance(secret, str):
        if len(recent) >= MOST_REMEMBERED:
            recent.clear()
        recent[secret] = (now, token)
    return token
