"""The idle rule: a shared screen must never show one person's answers to the next.

A session that holds someone's traces (app/journey: a journey, a language chosen, ...) but
was last used longer than KIOSK_IDLE_SECONDS ago is refused, whatever the browser does:
the session is cleared and the check starts again. So:

- The rule runs before anything else answers a request (kiosk.init_app registers it
  first): a language switch, a refused form or a page never acts on an idle session.
- The time of last use is inside the signed session cookie, so it belongs to that session:
  no other request, cookie or visit can renew it.
- A response renews it only for a session that passed the rule on this request, or that
  held nothing when the request came (a new visit cannot be anyone's idle session), and
  that holds traces now: an idle session can never come back to life, and a visit that
  holds nothing (the welcome screen, a health check) writes no cookie.

Ways out (app/web/ways_out.py) and the kiosk's own pages (which clear the screen, or keep
it while someone is reading) are never refused.
"""

from __future__ import annotations

import time

from flask import current_app, flash, g, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from .. import journey, metrics
from ..web.ways_out import is_way_out

# The kiosk's own pages (app/kiosk/views.py) look after the rule themselves.
BLUEPRINT = "kiosk"
IDLE_CLEARED = _l("This screen was not used for a while, so everything on it has been cleared.")
# Set in `g` when this request's session may be marked as used now: it passed the rule, or
# it held nothing when the request came.
IN_USE = "kiosk_session_in_use"


def idle_for_too_long() -> bool:
    """Whether this session holds someone's traces and has not been used for too long."""
    if not journey.has_traces():
        return False
    last_used = journey.last_used()
    if isinstance(last_used, bool) or not isinstance(last_used, int):
        return True  # no time of use (or not one this app wrote): not recently used
    return time.time() - last_used > current_app.config["KIOSK_IDLE_SECONDS"]


def refuse_idle_sessions():
    """Before each request, first of all."""
    if not journey.has_traces():
        setattr(g, IN_USE, True)  # a new visit: whatever it writes is its own
        return None
    if is_way_out() or request.blueprint == BLUEPRINT:
        return None
    if idle_for_too_long():
        journey.forget_everything()
        metrics.count_kiosk_reset("idle")
        flash(IDLE_CLEARED)
        return redirect(url_for("journey.start"), 303)
    setattr(g, IN_USE, True)
    return None


def keep_the_session_in_use() -> None:
    """For a session that is still in use this request (kiosk.js's keep-alive)."""
    setattr(g, IN_USE, True)


def note_use(response):
    """After each request: the session was used now, if it may be (see IN_USE)."""
    if g.get(IN_USE) and journey.has_traces():
        journey.mark_used(int(time.time()))
    return response
