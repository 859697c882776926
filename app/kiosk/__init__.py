"""Kiosk mode: the check on a shared screen in a community centre.

A shared screen must never show one person's answers to the next, and nothing on it may
lead off the screen. Switched on by the KIOSK_MODE setting: the app's factory asks
`switched_on()` and calls `init_app()`, and nothing outside this package reads the setting.
Everything a kiosk changes plugs in here:

- the idle rule (idle.py), run before anything else answers a request;
- every page clears itself after KIOSK_IDLE_SECONDS through the reset page: kiosk.js with
  a warning and "I'm still here", or a <noscript> meta refresh without JavaScript;
- "Leave this site" goes to a plain welcome screen inside the app (unless EXIT_URL is set);
- numbers and addresses are plain text with QR codes (templates/kiosk/screen.html, the
  kiosk's versions of the macros in templates/screen.html), and kiosk.css and kiosk.js are
  added to every page;
- pages are drawn for every request, not prebuilt: they depend on the idle timer;
- search engines may list nothing: every response says noindex (app/web/indexing.py),
  whatever FLASK_SEARCH_INDEXING says, and there is no sitemap.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import format_timedelta

from .. import journey
from ..pages.qr_codes import qr_image
from ..views import leaving
from ..web import form_posts
from ..web.addresses import this_page
from ..web.assets import add_to_every_page
from . import idle, settings
from .settings import DEFAULTS, switched_on
from .views import bp

__all__ = ["DEFAULTS", "init_app", "switched_on"]

SCREEN_MACROS = "kiosk/screen.html"


def init_app(app: Flask) -> None:
    """Make `app` a kiosk. Call first, before the rest of the app's parts are set up: the
    idle rule must run before every other check, and the pages' parts are added here."""
    idle_seconds = app.config["KIOSK_IDLE_SECONDS"]
    settings.check_idle_seconds(idle_seconds)

    app.before_request(idle.refuse_idle_sessions)
    app.after_request(idle.note_use)
    app.register_blueprint(bp)
    # Clearing the screen must never fail on a stale form: these pages only clear things.
    form_posts.exempt(bp)
    leaving.leave_to(app, f"{bp.name}.welcome")
    app.config["PREBUILT_PAGES"] = False
    app.config["SEARCH_INDEXING"] = False

    add_to_every_page(app, stylesheet="kiosk.css", script="kiosk.js")
    app.jinja_env.globals.update(
        screen_macros=SCREEN_MACROS,
        kiosk_idle_seconds=idle_seconds,
        kiosk_warning_seconds=settings.WARNING_SECONDS,
        idle_limit_in_words=lambda: format_timedelta(idle_seconds, threshold=1),
        session_has_traces=journey.has_traces,
        qr_code=qr_image,
        this_page=this_page,
    )
