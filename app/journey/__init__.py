"""A person's progress through the check, kept only in their signed session cookie.

The one interface the rest of the app uses to start a journey, answer, read it and forget
it, and to read or write anything else the cookie holds. `cookie.py` names every key;
nothing else in app/ touches the session (tests/test_structure.py checks it). Nothing is
written on the server.
"""

from __future__ import annotations

from flask import Flask

from .cookie import (
    choose_language,
    chosen_language,
    csrf_secret,
    exit_help_seen,
    has_messages_waiting,
    has_traces,
    last_used,
    mark_exit_help_seen,
    mark_used,
    put_journey,
)
from .progress import (
    STARTED_AGAIN,
    Journey,
    UnusableJourney,
    current_journey,
    forget_answers,
    forget_everything,
    record_answer,
    start_journey,
)
from .session_interface import DiscardNoticingSessionInterface, say_when_a_session_was_discarded

__all__ = [
    "STARTED_AGAIN",
    "Journey",
    "UnusableJourney",
    "choose_language",
    "chosen_language",
    "csrf_secret",
    "current_journey",
    "exit_help_seen",
    "forget_answers",
    "forget_everything",
    "has_messages_waiting",
    "has_traces",
    "init_app",
    "last_used",
    "mark_exit_help_seen",
    "mark_used",
    "put_journey",
    "record_answer",
    "start_journey",
]


def init_app(app: Flask) -> None:
    """The session cookie for `app`, and the notice when a cookie could not be used."""
    app.session_interface = DiscardNoticingSessionInterface()
    app.before_request(say_when_a_session_was_discarded)
