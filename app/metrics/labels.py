"""The values a label can take: fixed sets, known at start-up, whatever a request carries.

A label value made from what a client sends (a path, a language code, a method) would let
anyone create new series, without limit, and could carry something about them. So every
value comes from the checklist (languages, audiences, outcomes), from the app's URL map (a
route is the rule a request matched, such as /questions/<question_id>, never the path it
sent), or from the short lists below; anything else is counted under one value.
"""

from __future__ import annotations

UNKNOWN = "unknown"
OTHER = "other"

# The methods the check's pages answer (Flask adds HEAD and OPTIONS to its routes); any
# other method is counted as OTHER.
METHODS = frozenset({"GET", "HEAD", "POST", "OPTIONS"})

# The statuses the app answers with itself (app/web/error_pages.py, redirects, one_entry's
# 204, the kiosk's 409, Werkzeug's 308 for a missing slash, the 431 page for oversized
# headers); any other is counted by its class ("4xx"), which stays a fixed set too.
STATUSES = frozenset({200, 204, 302, 303, 308, 400, 404, 405, 409, 413, 431, 500})

KIOSK = {True: "true", False: "false"}
RESET_REASONS = ("idle", "finished")


def method_label(method: str) -> str:
    return method if method in METHODS else OTHER


def status_label(status_line: str) -> str:
    """ "404 NOT FOUND" → "404"; a status the app never answers with itself → its class."""
    code = int(status_line[:3]) if status_line[:3].isdigit() else 500
    return str(code) if code in STATUSES else f"{min(max(code // 100, 1), 5)}xx"


def one_of(value: object, allowed) -> str:
    """`value` if it is one of the values `allowed`, else UNKNOWN."""
    return value if isinstance(value, str) and value in allowed else UNKNOWN
