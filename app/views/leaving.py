"""Leaving the site at once: clear everything and go somewhere neutral."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect

from ..journey_state import forget_everything

bp = Blueprint("leaving", __name__)


@bp.route("/exit", methods=["GET", "POST"])
def leave():
    forget_everything()
    # The destination comes only from configuration, so no link can turn this page into
    # a redirect to somewhere chosen by someone else.
    return redirect(current_app.config["EXIT_URL"], 303)
