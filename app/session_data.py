"""Everything the signed session cookie holds, and the only module that names its keys.

The cookie carries ids only: the audience, answer ids keyed by question id, the language a
person chose, and whether they have seen how to leave quickly. Never display text, never
anything typed, nothing written on the server. Flask and Flask-WTF keep two keys of their
own in it (one-off messages, the CSRF secret); they are named here too, so that one place
says all that a cookie can hold.

Elsewhere in app/ the session is read and written only through these functions.
"""

from __future__ import annotations

from collections.abc import MutableMapping

from flask import current_app, session

AUDIENCE_KEY = "audience"
ANSWERS_KEY = "answers"
LANGUAGE_KEY = "language"
EXIT_HELP_SEEN_KEY = "exit_help_seen"
# Flask keeps one-off messages under this key until a page shows them.
FLASHES_KEY = "_flashes"

# Keys that say nothing about the person who used the screen: Flask-WTF's random secret
# (its name is the WTF_CSRF_FIELD_NAME setting, "csrf_token" by default) and Flask's
# one-off messages.
IMPERSONAL_SESSION_KEYS = frozenset({"csrf_token", FLASHES_KEY})


# The journey: who the check is for, and the answers so far.


def audience() -> object:
    """The audience id as the cookie holds it (checked against the checklist by the caller)."""
    return session.get(AUDIENCE_KEY)


def answers() -> object:
    """The answers as the cookie holds them: normally a dict of question id to answer id."""
    return session.get(ANSWERS_KEY, {})


def start_journey(audience_id: str) -> None:
    session[AUDIENCE_KEY] = audience_id
    session[ANSWERS_KEY] = {}


def store_answers(new_answers: dict[str, str]) -> None:
    session[ANSWERS_KEY] = new_answers


def forget_journey() -> None:
    session.pop(AUDIENCE_KEY, None)
    session.pop(ANSWERS_KEY, None)


def forget_everything() -> None:
    session.clear()


def put_journey(
    store: MutableMapping, *, language: str, audience_id: str, answers_given: dict[str, str]
) -> None:
    """Write a finished journey into `store` (a test client's session_transaction()), as the
    journey itself would leave it."""
    store[LANGUAGE_KEY] = language
    store[AUDIENCE_KEY] = audience_id
    store[ANSWERS_KEY] = dict(answers_given)


# The language a person chose with the switcher.


def chosen_language() -> object:
    return session.get(LANGUAGE_KEY)


def choose_language(code: str) -> None:
    session[LANGUAGE_KEY] = code


# Whether the page on leaving quickly was shown this visit.


def exit_help_seen() -> bool:
    return bool(session.get(EXIT_HELP_SEEN_KEY))


def mark_exit_help_seen() -> None:
    session[EXIT_HELP_SEEN_KEY] = True


# What Flask and Flask-WTF keep.


def has_messages_waiting() -> bool:
    """Whether one-off messages (flash) wait to be shown on the next page."""
    return FLASHES_KEY in session


def csrf_secret() -> object:
    """Flask-WTF's random secret for this session's forms, if it has made one."""
    return session.get(current_app.config["WTF_CSRF_FIELD_NAME"])


def has_traces() -> bool:
    """Whether the session holds anything about the person using the screen."""
    return any(key not in IMPERSONAL_SESSION_KEYS for key in session)


def was_discarded() -> bool:
    """Whether this request's cookie could not be used (see app/sessions.py)."""
    return getattr(session, "was_discarded", False)
