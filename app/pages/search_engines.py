"""What a page that may be listed tells search engines in its <head>: its canonical address
and, for a page with an address in every language (the start page), where each language's
version is (hreflang), with the address that serves a person in their own language as
x-default.

Search engines need absolute addresses for both. They are built only from FLASK_PUBLIC_URL
(app/web/public_address.py), never from the request's Host header, which the sender chooses;
without the setting both are left out. Pages that may not be listed (app/web/indexing.py)
carry neither.
"""

from __future__ import annotations

from flask import current_app, request, url_for

from ..web.indexing import LANGUAGE_ARGUMENT, this_page_may_be_listed
from ..web.public_address import public_address
from .content import current_checklist

X_DEFAULT = "x-default"


def public_url() -> str | None:
    return current_app.config["PUBLIC_URL"]


def absolute_address(path: str) -> str:
    """`path`, as url_for gives it, under FLASK_PUBLIC_URL (which must be set)."""
    return public_address(public_url(), path.removeprefix(request.script_root))


def hreflang(code: str) -> str:
    """A checklist language code as hreflang writes it (BCP 47): pt_BR → pt-BR."""
    return code.replace("_", "-")


def canonical_address() -> str | None:
    """This page's own public address, without its query, when it may be listed."""
    if public_url() is None or not this_page_may_be_listed():
        return None
    return absolute_address(url_for(request.endpoint, **(request.view_args or {})))


def versions_in_every_language(endpoint: str, *, x_default: str) -> list[tuple[str, str]]:
    """(hreflang, public address) of `endpoint` at each language's address, then of
    `x_default`, the page at an address that names no language. Empty without
    FLASK_PUBLIC_URL."""
    if public_url() is None:
        return []
    versions = [
        (hreflang(code), absolute_address(url_for(endpoint, **{LANGUAGE_ARGUMENT: code})))
        for code in current_checklist().languages
    ]
    versions.append((X_DEFAULT, absolute_address(url_for(x_default))))
    return versions


def language_versions_of_this_page(endpoint: str, *, x_default: str) -> list[tuple[str, str]]:
    """The hreflang links for this page's <head>: versions_in_every_language(), when this page
    may be listed."""
    if not this_page_may_be_listed():
        return []
    return versions_in_every_language(endpoint, x_default=x_default)
