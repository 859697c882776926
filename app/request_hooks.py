"""Every before_request and after_request function, registered in one place and one order.

Flask runs before_request functions in the order they are registered, and after_request
functions in the reverse order. Flask-WTF's CSRF check is registered by csrf.init_app
before these (create_app calls it first), so a forged post is refused before anything here
runs. Then:

1. switch_language_if_asked: `?lang=` is remembered and redirected away first, so nothing
   below acts on a request that only changes the language.
2. say_when_a_session_was_discarded: the notice is flashed before the kiosk's idle check,
   which only looks for traces a discarded (empty) session cannot hold.
3. refuse_idle_sessions (kiosk only): last, so that it clears a session only for a request
   that really would use it.

After the view, in this order (registered the other way round):

1. note_activity (kiosk only): stamps the activity cookie on the response as the view left
   it.
2. tell_the_script_where_to_go: turns a redirect into 204 with X-Next-Page for one_entry.js;
   last, so every header set before (cookies included) is kept on the 204.
"""

from __future__ import annotations

from flask import Flask

from .kiosk import note_activity, refuse_idle_sessions
from .languages import switch_language_if_asked
from .one_entry import tell_the_script_where_to_go
from .sessions import say_when_a_session_was_discarded


def register_request_hooks(app: Flask) -> None:
    kiosk = app.config["KIOSK_MODE"]
    app.before_request(switch_language_if_asked)
    app.before_request(say_when_a_session_was_discarded)
    if kiosk:
        app.before_request(refuse_idle_sessions)
    # after_request functions run last registered, first.
    app.after_request(tell_the_script_where_to_go)
    if kiosk:
        app.after_request(note_activity)
