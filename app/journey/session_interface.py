"""The signed session cookie, and noticing when one could not be used.

Flask silently starts an empty session when a cookie's signature is wrong or too old. We
want to tell the person that their answers were cleared rather than confuse them.
"""

from __future__ import annotations

from flask import flash, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l

from .. import metrics
from . import cookie

SESSION_DISCARDED = _l(
    "Your session had ended, so the check has started again. Nothing you entered was kept."
)


class CheckSession(SecureCookieSession):
    # True when the browser sent a cookie we could not accept (tampered with, or expired).
    was_discarded = False


class DiscardNoticingSessionInterface(SecureCookieSessionInterface):
    session_class = CheckSession

    def __init__(self) -> None:
        self._serializer = None
        self._serializer_keys = None

    def get_signing_serializer(self, app):
        # Flask builds a new serializer twice a request (to open and to save the session);
        # it depends only on the secrets, so it is built again only when they change.
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys != self._serializer_keys:
            self._serializer = super().get_signing_serializer(app)
            self._serializer_keys = keys
        return self._serializer

    def get_cookie_secure(self, app):
        # Secure whenever the page itself came over HTTPS (directly, or through a trusted
        # proxy), so the same settings serve local HTTP development and HTTPS production.
        return super().get_cookie_secure(app) or (request.is_secure if request else False)

    def open_session(self, app, request):
        session = super().open_session(app, request)
        if session is not None and not session:
            # Flask never sends an empty session cookie, so an empty session opened from a
            # cookie means the cookie was rejected.
            session.was_discarded = bool(request.cookies.get(self.get_cookie_name(app)))
        return session


def say_when_a_session_was_discarded() -> None:
    """Before each request (see app/__init__.py)."""
    if cookie.was_discarded():
        metrics.count_expired_session()
        flash(SESSION_DISCARDED)
