"""The signed session cookie, and noticing when one could not be used.

Flask silently starts an empty session when a cookie's signature is wrong or too old. We
want to tell the person that their answers were cleared rather than confuse them.

A cookie can also be signed with our key and still hold what this version never writes
(an older version's keys or types, another app given the same secret): Flask would hand it
to every page as it is, and a page, even the error page, could fail on it. So what a cookie
holds is checked once, here, against what app/journey/cookie.py says each key holds; a
cookie that does not fit is opened as no session, and the person is told, as for a
tampered one.
"""

from __future__ import annotations

from flask import flash, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l
from itsdangerous import BadData, BadPayload

from .. import metrics
from . import cookie
from .progress import STARTED_AGAIN

SESSION_DISCARDED = _l(
    "Your session had ended, so the check has started again. Nothing you entered was kept."
)


class CheckSession(SecureCookieSession):
    # True when the browser sent a cookie we could not accept (tampered with, expired, or
    # holding what this version never writes).
    was_discarded = False
    # True when it was signed by us but held what this version never writes.
    did_not_fit = False


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
        # Flask's own steps (SecureCookieSessionInterface.open_session), except that nothing
        # a cookie holds can make opening it fail: Flask lets through a signed payload that
        # cannot be read back (itsdangerous's BadPayload is not a BadSignature) and one that
        # is not a mapping, and either failed every page.
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        sent = request.cookies.get(self.get_cookie_name(app))
        if not sent:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            contents = serializer.loads(sent, max_age=max_age)
        except BadPayload:  # signed by us, but what it holds cannot be read back
            return self._discarded(did_not_fit=True)
        except BadData:  # tampered with, expired, or signed with another key
            return self._discarded()
        csrf_secret_key = app.config["WTF_CSRF_FIELD_NAME"]
        if not cookie.holds_only_what_the_app_writes(contents, csrf_secret_key=csrf_secret_key):
            return self._discarded(did_not_fit=True)
        if not contents:
            # Flask never sends an empty session cookie: this one was not ours as it is.
            return self._discarded()
        return self.session_class(contents)

    def _discarded(self, *, did_not_fit: bool = False) -> CheckSession:
        session = self.session_class()
        session.was_discarded = True
        session.did_not_fit = did_not_fit
        return session


def say_when_a_session_was_discarded() -> None:
    """Before each request (see app/__init__.py)."""
    if cookie.did_not_fit():
        flash(STARTED_AGAIN)
    elif cookie.was_discarded():
        metrics.count_expired_session()
        flash(SESSION_DISCARDED)
