"""Kiosk mode: the check on a shared screen in a community centre.

A shared screen must never show one person's answers to the next. Turned on by KIOSK_MODE:

- Every visit is stamped in a small signed cookie of its own. A request whose session still
  holds someone's traces, but whose last visit is older than KIOSK_IDLE_SECONDS, is refused:
  the session is cleared and the check starts again. This holds whatever the browser does.
- Every page clears itself after the same time through the reset route: kiosk.js with a
  warning and "I'm still here", or a <noscript> meta refresh without JavaScript.
- "Leave this site" goes to a plain welcome screen inside the app (unless EXIT_URL is set),
  and nothing on a page leads off the screen: QR codes carry numbers and addresses away.

The activity stamp lives in its own cookie, not in the session, so the keep-alive that
kiosk.js sends while someone is reading never rewrites the session cookie: a keep-alive
answered just after "Leave this site" cannot bring the answers back.
"""

from __future__ import annotations

from flask import Response, current_app, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, TimestampSigner

from . import session_data
from .journey_state import forget_everything

ACTIVITY_COOKIE = "kiosk_activity"

# Requests that are not someone using the check: never refused, never counted as activity.
# Leaving and clearing must work however long the screen sat idle, and the welcome screen
# must stay put (it must not turn back into the check while someone watches).
NOT_ACTIVITY = frozenset(
    {
        "leaving.leave",
        "kiosk.welcome",
        "kiosk.reset",
        "kiosk.finish",
        "kiosk.still_here",
    }
)

IDLE_CLEARED = _l("This screen was not used for a while, so everything on it has been cleared.")


def is_kiosk() -> bool:
    return current_app.config["KIOSK_MODE"]


def session_has_traces() -> bool:
    """Whether the session holds anything about the person using the screen."""
    return session_data.has_traces()


def idle_for_too_long() -> bool:
    return session_has_traces() and not _recently_active()


def stamp_activity(response: Response) -> None:
    response.set_cookie(
        ACTIVITY_COOKIE,
        _signer().sign("active").decode(),
        httponly=True,
        samesite="Lax",
        secure=current_app.session_interface.get_cookie_secure(current_app),
    )


def refuse_idle_sessions():
    """Before each request on a kiosk (see app/request_hooks.py)."""
    if request.endpoint in NOT_ACTIVITY or not idle_for_too_long():
        return None
    forget_everything()
    flash(IDLE_CLEARED)
    return redirect(url_for("journey.start"), 303)


def note_activity(response: Response) -> Response:
    """After each request on a kiosk (see app/request_hooks.py)."""
    if request.endpoint not in NOT_ACTIVITY:
        stamp_activity(response)
    return response


def _recently_active() -> bool:
    stamp = request.cookies.get(ACTIVITY_COOKIE)
    if not stamp:
        return False
    try:
        _signer().unsign(stamp, max_age=current_app.config["KIOSK_IDLE_SECONDS"])
    except BadSignature:  # forged, or older than the idle limit (SignatureExpired)
        return False
    return True


def _signer() -> TimestampSigner:
    return TimestampSigner(current_app.secret_key, salt="kiosk-activity")
