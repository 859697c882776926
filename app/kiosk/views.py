"""Pages only a kiosk has: clearing the screen, keeping it while someone is still there,
and the plain welcome screen that "Leave this site" leads to."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

from .. import journey, metrics
from .idle import BLUEPRINT, IDLE_CLEARED, idle_for_too_long, keep_the_session_in_use

bp = Blueprint(BLUEPRINT, __name__)

FINISHED = _l("Everything you entered has been cleared from this screen.")


@bp.route("/kiosk/reset", methods=["GET", "POST"])
def reset():
    # Reached when the screen was idle: from kiosk.js, or the meta refresh without it.
    someone_was_here = journey.has_traces()
    journey.forget_everything()
    if someone_was_here:
        # An empty screen refreshing itself is not counted: nobody's things were cleared.
        metrics.count_kiosk_reset("idle")
        flash(IDLE_CLEARED)
    return redirect(url_for("journey.start"), 303)


@bp.post("/kiosk/finish")
def finish():
    journey.forget_everything()
    metrics.count_kiosk_reset("finished")
    flash(FINISHED)
    return redirect(url_for("journey.start"), 303)


@bp.post("/kiosk/still-here")
def still_here():
    """kiosk.js says someone is using the page; 409 if it is already too late."""
    if idle_for_too_long():
        return "", 409
    keep_the_session_in_use()
    return "", 204


@bp.get("/welcome")
def welcome():
    # Where "Leave this site" lands on a kiosk: nothing on it says what the check is about.
    return render_template("kiosk/welcome.html")
