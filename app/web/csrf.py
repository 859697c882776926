"""Form posts must come from this site's own pages: the CSRF token, then the Origin header.

The token (Flask-WTF) is the defence. Flask-WTF can add a second one on HTTPS: demand a
`Referer` from this site (WTF_CSRF_SSL_STRICT). We turn that off (app/settings.py) and check
`Origin` instead, because:

- a browser or privacy extension that leaves out the Referer (some people turn it off, and
  this service's users have reasons to) would be refused on every answer, for ever, with
  no way forward; with the Origin check such a browser still gets through on its token;
- every current browser sends Origin on a form post, a page cannot remove it, and it
  carries no path, only scheme, host and port.

A post whose Origin is another site, or "null" (a sandboxed frame, a redirect from another
site), is refused with the same friendly "your answer did not go through" page as a bad
token. With our referrer policy (same-origin, app/web/headers.py) our own forms never send
"null".

First steps (app/web/first_steps.py: the start page at a language's own address, which sets
no cookie) are checked by their Origin alone: all they can do is begin a new journey.

Flask-WTF is used through its public interface only: `CSRFProtect.protect()` to check a
request, `generate_csrf()` to make a token, `CSRFError` for a refusal, and the documented
setting WTF_CSRF_FIELD_NAME, the session key that holds each session's random secret.
tests/web/test_csrf.py fails if an upgrade changes any of these.
"""

from __future__ import annotations

import time

from flask import Blueprint, Flask, current_app, request
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf

from .. import journey
from .earlier_keys import token_signed_with_an_earlier_key
from .first_steps import is_first_step
from .ways_out import is_way_out


class FormPostCheck:
    """Every form post checked once, before any view: its token, then where it came from.

    Ways out (app/web/ways_out.py) are never checked: leaving must work however stale the
    page. Other views and blueprints can be exempted with `exempt()`.
    """

    def __init__(self) -> None:
        self._csrf = CSRFProtect()
        self._exempt_blueprints: set[str] = set()

    def init_app(self, app: Flask) -> None:
        # Flask-WTF's own check would run for every view; this one calls it, then adds the
        # Origin check, so it switches Flask-WTF's off (WTF_CSRF_CHECK_DEFAULT).
        app.config["WTF_CSRF_CHECK_DEFAULT"] = False
        self._csrf.init_app(app)
        app.before_request(self.check)

    def exempt(self, blueprint: Blueprint) -> None:
        self._exempt_blueprints.add(blueprint.name)

    def check(self) -> None:
        config = current_app.config
        if (
            not config["WTF_CSRF_ENABLED"]
            or request.method not in config["WTF_CSRF_METHODS"]
            # An address no route knows is answered 404 (or 405) whatever it carries.
            or request.endpoint is None
            or request.blueprint in self._exempt_blueprints
            or is_way_out()
        ):
            return
        if not is_first_step():
            try:
                self._csrf.protect()  # raises CSRFError for a missing, stale or forged token
            except CSRFError:
                # A page from before the secret key was changed (app/web/earlier_keys.py).
                if not token_signed_with_an_earlier_key():
                    raise
        if not comes_from_this_site():
            _say_if_the_proxy_setting_is_missing()
            raise CSRFError("The form was sent from another site.")


def comes_from_this_site() -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        # An older or privacy-minded browser: the token has been checked, or for a first step
        # nothing but a new journey can follow (app/web/first_steps.py).
        return True
    # request.scheme and request.host are the visitor's own, behind a trusted proxy too
    # (ProxyFix), with the default port left out as browsers leave it out of Origin.
    return origin.lower() == f"{request.scheme}://{request.host}".lower()


_warned = False


def _say_if_the_proxy_setting_is_missing() -> None:
    """Behind a proxy that terminates HTTPS, without FLASK_TRUSTED_PROXY_COUNT the app
    believes it serves plain HTTP and every post from the https page is refused. Say
    so to the operator, once per process, with nothing the request carried."""
    global _warned
    origin = request.headers.get("Origin", "")
    if not _warned and request.scheme == "http" and origin.startswith("https://"):
        _warned = True
        current_app.logger.warning(
            "A form post from an https:// page reached the app as plain http and was "
            "refused. Behind a proxy that terminates HTTPS, set FLASK_TRUSTED_PROXY_COUNT "
            "(docs/operators.md: Running it in production)."
        )


# Tokens for forms, signed once every few minutes for a session, not for every page.
#
# Flask-WTF keeps a random secret for each session in the session, and puts into each form
# that secret signed with the time. Signing is a large part of a prebuilt page's cost
# (bench/README.md), and a token signed a few minutes ago is just as good: Flask-WTF checks
# it the same way, and it expires REUSE_SECONDS sooner than a new one would (the limit,
# WTF_CSRF_TIME_LIMIT, is an hour). So each worker remembers the tokens it signed lately.
#
# They hold nothing about the person: a token only repeats the random secret their own
# cookie carries. Forgetting them all costs only the signing again, so the memory is simply
# cleared when it is full, and any instance can serve any request.

REUSE_SECONDS = 300
MOST_REMEMBERED = 10_000
RECENT_TOKENS = "recent_form_tokens"


def form_token() -> str:
    """This request's signed CSRF token for the session's forms (Flask-WTF's own)."""
    return generate_csrf()


def reused_form_token() -> str:
    """A signed CSRF token for this session's forms, signed in the last few minutes."""
    recent: dict[str, tuple[float, str]] = current_app.extensions.setdefault(RECENT_TOKENS, {})
    now = time.monotonic()
    secret = journey.csrf_secret()
    remembered = recent.get(secret) if isinstance(secret, str) else None
    if remembered is not None and now - remembered[0] < REUSE_SECONDS:
        return remembered[1]
    token = generate_csrf()  # adds the session's secret if it had none
    secret = journey.csrf_secret()
    if isinstance(secret, str):
        if len(recent) >= MOST_REMEMBERED:
            recent.clear()
        recent[secret] = (now, token)
    return token
