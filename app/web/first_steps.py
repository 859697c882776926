"""First steps: forms shown to people who have no cookie yet, and whose posts need no token.

A form's CSRF token is its session's secret, signed (app/web/csrf.py), so a page with a
token in it sets the session cookie. A page a search engine lists must set nothing (a
crawler keeps no cookie), and a person arriving from a search or a poster has no session
yet. So the start page at a language's own address (/ro/) carries no token, and its post is
marked as a first step: the token is not asked for, and the post must still not come from
another site (its Origin, when the browser sends one, is this site's).

Why that is safe here, and only here: a token protects what a session holds from posts
made in the person's name by another site. All a first step can do is begin a new journey in
place of any earlier one, which any site can already cause by sending a person to /exit (a
way out, which nothing may refuse), and a browser that sends an Origin is refused from
another site all the same. A first step's view must do nothing else: every answer after it
is sent with a token, as before.
"""

from __future__ import annotations

from .view_marks import ViewMark

# @first_step marks a view as a first step (below its route decorator).
first_step = ViewMark("is_first_step")


def is_first_step() -> bool:
    """Whether this request is for a first step."""
    return first_step.on_this_request()
