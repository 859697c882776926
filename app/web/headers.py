"""Headers that keep a person's answers out of caches, referrers, frames, other sites and
search engines."""

from __future__ import annotations

from .indexing import MAY_BE_LISTED, NOINDEX

# Everything the pages use comes from this site; nothing may be framed, posted elsewhere
# or loaded from anywhere else. No inline script or style is allowed.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# The check needs none of these; a page that cannot ask for them cannot be tricked into it.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "browsing-topics",
    ]
)

# same-origin, not no-referrer: nothing about this site (not even that it was visited) goes
# to another site, the exit destination included (it is cross-site, so it gets no Referer,
# also after /exit's redirect). Our own pages do get a Referer and an Origin: with
# no-referrer browsers send "Origin: null" on every form post, and the check of where a
# post came from (app/web/csrf.py) could not tell our own forms from another site's.
# The pages carry the same policy in a <meta> element (templates/base.html).
REFERRER_POLICY = "same-origin"

EVERY_RESPONSE = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": REFERRER_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
# On every response but the pages search engines may list (app/web/indexing.py).
ROBOTS = ("X-Robots-Tag", NOINDEX)


HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
# Pages can show answers; a shared computer's Back button or cache must not. Only responses
# that say how they may be cached (the hashed assets) are kept.
NO_STORE = ("Cache-Control", "no-store")
# Pages are in the language the browser asks for, unless the person chose one. Responses
# that say how they may be cached say what they vary on too: the hashed assets, the same
# for everyone, vary on nothing (one copy in a shared cache, not one per language).
LANGUAGE = "Accept-Language"


class PrivacyHeaders:
    """WSGI middleware: the headers above on every response, pages and errors alike.

    Added as the response leaves rather than in an after_request function: through
    Werkzeug's header objects they cost a noticeable share of a question page
    (bench/README.md); here they are a list extend.
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app
        self.every_response = list(EVERY_RESPONSE.items())

    def __call__(self, environ, start_response):
        # Inside ProxyFix (when a trusted proxy says so), so the scheme is the visitor's.
        secure = environ.get("wsgi.url_scheme") == "https"

        def start_with_privacy_headers(status, headers, exc_info=None):
            # The app has answered by now, and said whether this page may be listed.
            self.add_to(headers, secure, may_be_listed=environ.get(MAY_BE_LISTED, False))
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start_with_privacy_headers)

    def add_to(
        self, headers: list[tuple[str, str]], secure: bool, *, may_be_listed: bool = False
    ) -> None:
        names = [name.lower() for name, _ in headers]
        headers.extend(self.every_response)
        if not may_be_listed:
            headers.append(ROBOTS)
        if secure:
            # Only over HTTPS: sent over plain HTTP, browsers ignore it anyway.
            headers.append(HSTS)
        if "cache-control" in names:
            return
        headers.append(NO_STORE)
        if "vary" in names:
            position = names.index("vary")
            name, value = headers[position]
            headers[position] = (name, f"{value}, {LANGUAGE}")
        else:
            headers.append(("Vary", LANGUAGE))
