"""Everything the signed session cookie holds, and the only module that names its keys.

The cookie carries ids only: the audience, answer ids keyed by question id, the language a
person chose, whether they have seen how to leave quickly and, on a kiosk, when the screen
was last used. Never display text, never anything typed, nothing written on the server.
Flask and Flask-WTF keep two keys of their own in it (one-off messages, the CSRF secret);
they are named here too, so that one place says all that a cookie can hold.

Elsewhere in app/ the session is read and written only through these functions, which the
package (app/journey/__init__.py) offers to the rest of the app.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping

from flask import current_app, session

AUDIENCE_KEY = "audience"
ANSWERS_KEY = "answers"
LANGUAGE_KEY = "language"
EXIT_HELP_SEEN_KEY = "exit_help_seen"
# On a kiosk: when this session was last used, in whole seconds since the epoch. Inside the
# signed cookie, so that it belongs to this session and cannot be renewed apart from it.
LAST_USED_KEY = "last_used"
# Flask keeps one-off messages under this key until a page shows them.
FLASHES_KEY = "_flashes"
# Flask-WTF keeps each session's random CSRF secret under the WTF_CSRF_FIELD_NAME setting's
# name, which the app leaves at its default.
CSRF_SECRET_KEY = "csrf_token"

# Keys that say nothing about the person who used the screen: Flask-WTF's random secret,
# Flask's one-off messages and the time the screen was last used.
IMPERSONAL_SESSION_KEYS = frozenset({CSRF_SECRET_KEY, FLASHES_KEY, LAST_USED_KEY})


# What each key holds, exactly as this app (with Flask and Flask-WTF) writes it. A cookie
# holding anything else, a value of another type or a key not named here, was written by
# something other than this version: an older one, another app given the same secret, a
# mistake. session_interface.py opens such a cookie as no session at all, once, as it is
# read, so that no page has to guard against it (a non-list under FLASHES_KEY crashed every
# page, the error page included).


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _is_answers(value: object) -> bool:
    # Question id to answer id; whether the ids fit the checklist is progress.py's question.
    return isinstance(value, dict) and all(
        isinstance(question, str) and isinstance(answer, str) for question, answer in value.items()
    )


def _is_yes_or_no(value: object) -> bool:
    return isinstance(value, bool)


def _is_whole_seconds(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_messages(value: object) -> bool:
    # Flask's flash() keeps a list of (category, message) pairs.
    return isinstance(value, list) and all(
        isinstance(pair, tuple | list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        for pair in value
    )


WHAT_EACH_KEY_HOLDS: dict[str, Callable[[object], bool]] = {
    AUDIENCE_KEY: _is_text,
    ANSWERS_KEY: _is_answers,
    LANGUAGE_KEY: _is_text,
    EXIT_HELP_SEEN_KEY: _is_yes_or_no,
    LAST_USED_KEY: _is_whole_seconds,
    FLASHES_KEY: _is_messages,
    # Flask-WTF's secret: random hexadecimal text.
    CSRF_SECRET_KEY: _is_text,
}


def holds_only_what_the_app_writes(contents: object, *, csrf_secret_key: str) -> bool:
    """Whether `contents`, read from a signed cookie, is a mapping this app could have
    written: only keys named here, each holding what the app puts there. `csrf_secret_key`:
    where Flask-WTF keeps its secret (the WTF_CSRF_FIELD_NAME setting, CSRF_SECRET_KEY
    unless an operator changed it)."""
    if not isinstance(contents, dict):
        return False
    for key, value in contents.items():
        holds = WHAT_EACH_KEY_HOLDS[CSRF_SECRET_KEY] if key == csrf_secret_key else None
        holds = holds or WHAT_EACH_KEY_HOLDS.get(key)
        if holds is None or not holds(value):
            return False
    return True


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


# When a kiosk's screen was last used (see app/kiosk/idle.py).


def last_used() -> object:
    """The time the session was last used, as the cookie holds it (a number, or None)."""
    return session.get(LAST_USED_KEY)


def mark_used(now: int) -> None:
    session[LAST_USED_KEY] = now


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
    """Whether this request's cookie could not be used (see session_interface.py)."""
    return getattr(session, "was_discarded", False)


def did_not_fit() -> bool:
    """Whether this request's cookie was signed by us but held what this version never
    writes (see holds_only_what_the_app_writes)."""
    return getattr(session, "did_not_fit", False)
