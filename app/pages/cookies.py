"""Every cookie the service sets, described from the same settings that set it.

The cookies page is drawn from this list, so it cannot drift from what the code does; a
browser test walks the journey and compares it with the cookies a real browser receives.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import format_timedelta
from flask_babel import gettext as _


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lifetime: str
    # No expiry date: the browser deletes it when it closes. The session is never made
    # "permanent", so a closed browser keeps nothing of the visit.
    ends_when_the_browser_closes: bool = True
    is_the_session: bool = False


def answers_accepted_for() -> str:
    """How long after the last answer the session's answers are still accepted ("1 hour"):
    the signed cookie carries its own time, checked against PERMANENT_SESSION_LIFETIME."""
    return format_timedelta(current_app.config["PERMANENT_SESSION_LIFETIME"], threshold=1)


def cookies_in_use() -> list[Cookie]:
    """The cookies this instance sets, worded in the page's language. A kiosk's session
    cookie also says when the screen was last used: its screen macros add that."""
    return [
        Cookie(
            name=current_app.config["SESSION_COOKIE_NAME"],
            purpose=_(
                "Remembers your answers, as short codes, while you go from one question to "
                "the next, and the language you chose. It also holds a random code that stops "
                "other websites sending answers in your name."
            ),
            lifetime=_(
                'Deleted when you select "Leave this site" or close your browser. The '
                "answers in it are no longer accepted %(time)s after your last answer.",
                time=answers_accepted_for(),
            ),
            is_the_session=True,
        )
    ]
