"""Leaving the site at once: clear everything and go somewhere neutral."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, url_for

from ..content import current_checklist
from ..journey_state import forget_everything
from ..kiosk import is_kiosk

bp = Blueprint("leaving", __name__)

# Asks the browser to drop this site's cookies and storage. Browsers act on it only over
# HTTPS (and on localhost); clearing the session below works everywhere.
# "cache" is left out on purpose: Chromium holds the redirect until its whole cache has been
# searched, which made arriving at the exit page about four times slower (50 ms → 200 ms
# with 3,000 cached entries, more with a bigger cache; `bench/exit_timing.py`). Pages with
# answers are never cached (Cache-Control: no-store), so "cache" would remove nothing of them.
CLEAR_SITE_DATA = '"cookies", "storage"'


@bp.route("/exit", methods=["GET", "POST"])
def leave():
    forget_everything()
    # The destination comes only from configuration, so no link can turn this page into
    # a redirect to somewhere chosen by someone else.
    response = redirect(_destination(), 303)
    if CLEAR_SITE_DATA:
        response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


def _destination() -> str:
    configured = current_app.config["EXIT_URL"]
    if configured:
        return configured
    # A kiosk must not strand anyone on another website: it shows its own plain screen.
    return url_for("kiosk.welcome") if is_kiosk() else current_checklist().exit_url
