"""Pages rendered once, at start-up, in every version they can take.

A public campaign can send a flood of people to the check in minutes, and the page they ask
for most is a question page. Rendering its template is most of the request's cost
(bench/speedups.py; bench/README.md has the figures). Yet everyone on the same question, at
the same address, in the same language, for the same audience and with the same answer sees
the same page except for one value: the form's CSRF token, which belongs to their session.
So each such page is rendered ahead with a placeholder for the token, and a request only
puts its own token in.

The interface is one decorator. A page function (keyword arguments only, returning the
rendered page) declares the versions it can take:

    @prebuilt.page(variants=question_page_variants)
    def question_page(*, question_id, audience, changing, selected=None): ...

`variants` lists, at start-up, every (address, keyword arguments) to prebuild. A view then
simply calls the page function; for a GET with the same address and arguments the page comes
from the table, in any other case (an error, a one-off message waiting, a path prefix, other
arguments) it is rendered as usual. Templates stay ordinary Jinja: they call form_token(),
which gives this request's token, or the placeholder while prebuilding.
tests/pages/test_prebuilt_pages.py checks every table page against a fresh render.

Every version is built before the first visitor arrives. A cache filled on demand would hold a
record of which answers had been given lately; this table says nothing about who came or
what they chose. Not on a kiosk (its pages depend on the idle timer), nor when
PREBUILT_PAGES is off.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable
from typing import NamedTuple

from flask import Flask, current_app, g, request
from markupsafe import Markup

from .. import journey
from ..web.csrf import form_token, reused_form_token
from .content import current_language

EXTENSION = "prebuilt_pages"
# Never the product of escaped text: a '<' from anything a person sent reaches a page as '&lt;'.
TOKEN_HOLE = "<hole:csrf-token>"
# Set in `g` while a page is drawn for the table.
PREBUILDING = "prebuilding_page"


class Variant(NamedTuple):
    """One version of a page: its address ("/questions/work", "change=1") and arguments."""

    path: str
    query: str
    arguments: dict[str, Hashable]
    # The one language it is drawn in, when its address names one ("/ro/"); None: each.
    language: str | None = None


# Page functions and how to list their versions, in the order they were declared.
_declared: dict[Callable[..., str], Callable[[], Iterable[Variant]]] = {}


def page(variants: Callable[[], Iterable[Variant]]):
    """Declare a page function's prebuilt versions; calls take them from the table."""

    def declare(render: Callable[..., str]):
        @functools.wraps(render)
        def from_table_or_rendered(**arguments) -> str | bytes:
            prebuilt = _from_table(render.__qualname__, arguments)
            return prebuilt if prebuilt is not None else from_table_or_rendered.render(**arguments)

        _declared[from_table_or_rendered] = variants
        from_table_or_rendered.render = render
        return from_table_or_rendered

    return declare


def _key(name: str, path: str, query: bytes, arguments: dict[str, Hashable]) -> tuple:
    return (name, path, query, current_language(), tuple(sorted(arguments.items())))


def prebuild_pages(app: Flask) -> int:
    """Render every declared version of every page, in every language; returns how many."""
    pages: dict[tuple, bytes] = {}
    with app.test_request_context("/"):  # for url_for while the versions are listed
        versions = [(page, list(variants())) for page, variants in _declared.items()]
    for language in app.extensions["checklist"].languages:
        for declared, variants in versions:
            for variant in variants:
                if variant.language not in (None, language):
                    continue
                address = variant.path + (f"?{variant.query}" if variant.query else "")
                # Drawn as for a first visit from a browser that asks for `language`.
                with app.test_request_context(address, headers={"Accept-Language": language}):
                    setattr(g, PREBUILDING, True)
                    html = declared.render(**variant.arguments)
                    name = declared.render.__qualname__
                    key = _key(name, variant.path, variant.query.encode(), variant.arguments)
                if TOKEN_HOLE not in html and 'name="csrf_token"' in html:
                    raise RuntimeError(f"{address}: a form's token is not from csrf_token()")
                pages[key] = html.encode()
    app.extensions[EXTENSION] = pages
    return len(pages)


def _from_table(name: str, arguments: dict[str, Hashable]) -> bytes | None:
    """This request's page from the table, with its own token in; None to render it."""
    pages = current_app.extensions.get(EXTENSION)
    if (
        not pages
        or request.method not in ("GET", "HEAD")
        or journey.has_messages_waiting()
        # Mounted under a path prefix, every link would need it; the table has none.
        or request.script_root
    ):
        return None
    try:
        key = _key(name, request.path, request.query_string, arguments)
        page = pages.get(key)
    except TypeError:  # an argument that cannot be a key is never in the table
        return None
    if page is None:
        return None
    if TOKEN_HOLE.encode() not in page:
        # No form with a token (a start page at a language's own address): asking for one
        # would give the session a secret, and the page a cookie it must not set.
        return page
    return page.replace(TOKEN_HOLE.encode(), reused_form_token().encode())


def token_for_forms() -> str:
    """What a form's hidden csrf_token field holds (templates call it as form_token()):
    this request's token, or while a page is prebuilt, the hole each request fills in."""
    if g.get(PREBUILDING):
        return Markup(TOKEN_HOLE)
    return form_token()
