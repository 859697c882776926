"""The page for a request whose headers were too large for nginx (deploy/nginx.conf).

Browsers send every cookie set for a site's parent domain with each request, so the check,
served beside other sites (check.council.example and its neighbours), can receive far more
in the Cookie header than it ever set itself. nginx refuses a header line longer than its
buffers, and its own refusal carries no way out. So it passes such a request on as a GET,
without the body and the headers it could not read: /exit as it is (it leaves, and tells the
browser to delete the session cookie and, over HTTPS, this site's cookies: app/views/
leaving.py), and any other address to this page, which says what happened, with the way out
and in the language the browser asked for. The limits, and why they are what they are, are
in docs/operators.md ("How large a request may be").
"""

from __future__ import annotations

from flask import Flask, abort

# deploy/nginx.conf names this address (tests/deployment/test_header_sizes.py checks both).
HEADERS_TOO_LARGE_PATH = "/request-headers-too-large"


def register_headers_too_large_page(app: Flask) -> None:
    app.add_url_rule(HEADERS_TOO_LARGE_PATH, "headers_too_large", _headers_too_large)


def _headers_too_large():
    # The friendly 431 page (app/web/error_pages.py).
    abort(431)
