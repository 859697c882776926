"""Pages rendered once, at start-up, in every version they can take.

A public campaign can send a flood of people to the check in minutes, and the page they ask
for most is a question page. Rendering its template cost more than everything else in the
request together (0.6 of 1.0 ms). Yet everyone on the same question, at the same address,
in the same language, for the same audience and with the same answer sees the same page
except for one value: the form's CSRF token, which belongs to their session. So each such
page is rendered ahead with holes in it, and a request only puts its own token in (see
app/form_tokens.py).

- The token's hole is filled for every request.
- The selected answer's hole is filled at start-up, once for each answer (and for none), so
  a template renders once per question, audience, language and address, not once per answer.

Every version is built before the first visitor arrives. A cache filled on demand would hold a
record of which answers had been given lately; this table says nothing about who came or
what they chose. A page that could differ from its prebuilt version is rendered as usual: one
carrying a one-off message, one with an error (every POST), one at an address with other
query parameters, and every page on a kiosk (its pages depend on the idle timer).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from flask import Flask, current_app, g, request
from markupsafe import Markup

from . import session_data
from .content import current_language
from .form_tokens import form_token

EXTENSION = "prebuilt_pages"

# The holes are rendered unescaped, so they can never be the product of escaped text: a '<'
# in anything a person sent would reach the page as '&lt;'.
TOKEN_HOLE = b"<hole:csrf-token>"
CHECKED_HOLE = "<hole:checked:{answer}>"
ANY_CHECKED_HOLE = re.compile(rb"<hole:checked:[^>]*>")


@dataclass(frozen=True)
class PageVersion:
    """A page as one person sees it, apart from their token and their answer."""

    path: str
    query: str  # "" or, for example, "change=1"
    # What the page shows from the session (the audience), as the view will ask for it.
    variant: tuple[Hashable, ...]
    render: Callable[[], str]
    # The answers it can show selected, each prebuilt (and None: nothing selected).
    answers: tuple[str, ...] = ()


def token_or_hole() -> str:
    """The templates' csrf_token(): this session's token, or its hole when prebuilding (so
    that no token is made for a session that belongs to nobody)."""
    if g.get("prebuilding"):
        return Markup(TOKEN_HOLE.decode())
    return form_token()


def checked(selected: str | None, value: str) -> str:
    """' checked' on the radio button of the selected answer (or its hole when prebuilding)."""
    if g.get("prebuilding"):
        return Markup(CHECKED_HOLE.format(answer=value))
    return Markup(" checked") if selected == value else ""


def prebuild_pages(app: Flask, versions: Callable[[], Iterable[PageVersion]]) -> int:
    """Render every version of the pages listed, in every language; returns how many."""
    pages: dict[tuple, bytes] = {}
    with app.test_request_context("/"):  # for url_for while the versions are listed
        page_versions = list(versions())
    for language in app.extensions["checklist"].languages:
        for version in page_versions:
            address = version.path + (f"?{version.query}" if version.query else "")
            # Drawn as for a first visit from a browser that asks for `language`.
            with app.test_request_context(address, headers={"Accept-Language": language}):
                g.prebuilding = True
                html = version.render().encode()
                key = (version.path, version.query.encode(), current_language(), version.variant)
            if TOKEN_HOLE not in html and b'name="csrf_token"' in html:
                raise RuntimeError(f"{address}: a form's token is not from csrf_token()")
            for answer in (None, *version.answers):
                with_answer = html
                if answer is not None:
                    hole = CHECKED_HOLE.format(answer=answer).encode()
                    with_answer = html.replace(hole, b" checked")
                pages[(*key, answer)] = ANY_CHECKED_HOLE.sub(b"", with_answer)
    app.extensions[EXTENSION] = pages
    return len(pages)


def prebuilt_page(variant: tuple[Hashable, ...] = (), answer: str | None = None) -> bytes | None:
    """This request's page from the table, with its own token in; None to render it.

    `variant` is what the page shows from the session, as in its PageVersion, and `answer` the
    answer it shows selected.
    """
    pages = current_app.extensions.get(EXTENSION)
    if (
        not pages
        or request.method not in ("GET", "HEAD")
        or session_data.has_messages_waiting()
        # Mounted under a path prefix, every link would need it; the table has none.
        or request.script_root
    ):
        return None
    key = (request.path, request.query_string, current_language(), variant, answer)
    page = pages.get(key)
    if page is None:
        return None
    return page.replace(TOKEN_HOLE, form_token().encode())
