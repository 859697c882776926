"""This page's own address, for every link, form and redirect that comes back to it.

Never copied from the request as it came. Browsers drop tabs and line breaks from an
address and read a backslash as a slash, so a path such as "/\t/evil.example" or
"/\\evil.example", written back into a page or a Location header, would send a person to
another site; a line break in a header is a crash. A page of the check is addressed by its
route (url_for); an address no route knows (a 404) is percent-quoted, with one leading slash.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from flask import request, url_for

# Kept as they are in a quoted path: RFC 3986's characters for a path, apart from "%" (so
# that "%2F" cannot turn back into "/"). Everything else, backslash and controls included,
# is percent-encoded.
PATH_SAFE = "/:@!$&'()*+,;="


@dataclass(frozen=True)
class Address:
    """A path on this site and its query parameters, both safe to write into a page."""

    path: str
    query: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return f"{self.path}?{urlencode(self.query)}" if self.query else self.path


def this_page(**changes: str | None) -> Address:
    """This page's address, with the query parameters in `changes` set (None removes one);
    every other parameter is kept."""
    kept = [(key, value) for key, value in request.args.items(multi=True) if key not in changes]
    added = [(key, value) for key, value in changes.items() if value is not None]
    return Address(_this_path(), tuple(kept + added))


def _this_path() -> str:
    if request.url_rule is not None and request.endpoint is not None:
        # The parameters go in the query above, never as url_for's keywords: "?_external=1"
        # or "?question_id=x" must not change how the path is built.
        return url_for(request.endpoint, **(request.view_args or {}))
    # "//elsewhere.example" would be read as another site: one leading slash only.
    return request.script_root + "/" + quote(request.path.lstrip("/"), safe=PATH_SAFE)
