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
token. With our referrer policy (same-origin, app/privacy.py) our own forms never send
"null".
"""

from __future__ import annotations

from flask import current_app, g, request
from flask_wtf.csrf import CSRFProtect


class SameOriginCSRFProtect(CSRFProtect):
    """Flask-WTF's CSRF protection, its exemptions and errors, plus the Origin check."""

    def protect(self, apply_exemptions=False):
        super().protect(apply_exemptions)
        # Set by Flask-WTF only when it checked this request and the token was good:
        # exempt views and safe methods are left alone.
        if g.get("csrf_valid") and not comes_from_this_site():
            _say_if_the_proxy_setting_is_missing()
            self._error_response("The form was sent from another site.")


def comes_from_this_site() -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # an older or privacy-minded browser: the token has been checked
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
