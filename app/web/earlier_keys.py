"""Form tokens signed with an earlier secret key, accepted while the key is being changed.

An operator changes FLASK_SECRET_KEY in three steps (docs/operators.md, "Changing the secret
key"), keeping earlier keys in FLASK_SECRET_KEY_FALLBACKS meanwhile. Flask reads a session
cookie signed with any of them, so a journey goes on. Flask-WTF does not: it checks a form's
token with the current key alone. So while instances of both kinds serve side by side, a
page from one refused its form at the other ("your answer did not go through"), once per
form sent across, for as long as the change rolled out; and a page open at the moment of the
change refused its form once more afterwards.

This accepts a token that one of the fallback keys signed, through Flask-WTF's public
validate_csrf(), which takes the key to check with. It runs only once Flask-WTF has refused
a token, and checks it exactly as Flask-WTF does: the same session secret, the same time
limit. Nothing is accepted that the earlier key would not have accepted.
"""

from __future__ import annotations

from flask import current_app, request
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError


def token_signed_with_an_earlier_key() -> bool:
    """Whether this form post's token is valid under one of SECRET_KEY_FALLBACKS."""
    config = current_app.config
    if config.get("WTF_CSRF_SECRET_KEY"):
        return False  # tokens have a key of their own, not changed with SECRET_KEY
    token = request.form.get(config["WTF_CSRF_FIELD_NAME"])
    if not token:
        return False
    for key in config["SECRET_KEY_FALLBACKS"] or ():
        try:
            validate_csrf(token, secret_key=key)
        except ValidationError:
            continue
        return True
    return False
