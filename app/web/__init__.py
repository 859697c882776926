"""The web plumbing around the pages: every form post checked, friendly error pages, one
history entry, the static files, the privacy headers (search engines' among them) and the
proxy in front.

Nothing here knows what the check asks or says; the views and pages build on it.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from ..settings import PROJECT_ROOT
from .assets import register_assets
from .csrf import FormPostCheck
from .error_pages import register_error_pages
from .failure_log import CheckFlask
from .headers import PrivacyHeaders
from .health import register_health_endpoints
from .indexing import say_whether_it_may_be_listed
from .one_entry import tell_the_script_where_to_go
from .oversized_headers import register_headers_too_large_page

__all__ = ["CheckFlask", "form_posts", "init_app", "mark_ready"]

form_posts = FormPostCheck()


def init_app(app: Flask) -> None:
    """Before each view, the form post check (token, then origin); after it, a redirect
    for one_entry.js becomes 204, and a page search engines may list says so. Around the
    app, outermost last: the static files, the probes (/healthz, /readyz), then the privacy
    headers (so that static files, probes and error pages get them too), then, when a
    trusted proxy is configured, Werkzeug's ProxyFix."""
    form_posts.init_app(app)
    register_error_pages(app)
    register_headers_too_large_page(app)
    app.after_request(tell_the_script_where_to_go)
    app.after_request(say_whether_it_may_be_listed)
    register_assets(app, PROJECT_ROOT / "static")
    register_health_endpoints(app)
    app.wsgi_app = PrivacyHeaders(app.wsgi_app)
    proxies = app.config["TRUSTED_PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=0, x_proto=proxies, x_host=proxies)


def mark_ready(app: Flask) -> None:
    """The app is built (the checklist loaded, the pages prebuilt): /readyz says so."""
    app.extensions["health"].mark_ready()
