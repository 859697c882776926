"""Leaving the site at once: clear everything and go somewhere neutral."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, redirect, url_for

from .. import journey, metrics
from ..pages.content import current_checklist
from ..web.ways_out import way_out

bp = Blueprint("leaving", __name__)

# Asks the browser to drop this site's cookies and storage. Browsers act on it only over
# HTTPS (and on localhost); clearing the session below works everywhere.
# "cache" is left out on purpose: Chromium holds the redirect until its whole cache has been
# searched, which made arriving at the exit page several times slower, the more so the
# bigger the cache (`bench/exit_timing.py`, figures in bench/README.md). Pages with answers
# are never cached (Cache-Control: no-store), so "cache" would remove nothing of them.
CLEAR_SITE_DATA = '"cookies", "storage"'

# app.extensions key: the endpoint a way out leads to when EXIT_URL is not set, if not the
# checklist's exit_url (see leave_to()).
DESTINATION = "leaving_to"


@bp.route("/exit", methods=["GET", "POST"])
@way_out
def leave():
    journey.forget_everything()
    metrics.count_exit()
    # The destination comes only from configuration, so no link can turn this page into
    # a redirect to somewhere chosen by someone else.
    response = redirect(_destination(), 303)
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


def leave_to(app: Flask, endpoint: str) -> None:
    """Lead "Leave this site" to one of the app's own pages (a kiosk's plain screen) when
    the EXIT_URL setting does not say otherwise."""
    app.extensions[DESTINATION] = endpoint


def _destination() -> str:
    configured = current_app.config["EXIT_URL"]
    if configured:
        return configured
    endpoint = current_app.extensions.get(DESTINATION)
    return url_for(endpoint) if endpoint else current_checklist().exit_url
