"""What the service writes to its log when a request fails: never what the request said.

Flask's own line is "Exception on <path> [<method>]". A path is chosen by whoever sends the
request: "/%0a[...] ERROR in app: ..." would write a forged line into the operator's log,
and a query string can hold anything. So the line names the route that failed (the
service's own pattern, such as /questions/<question_id>) and the method, and every line of
the traceback is marked as part of this entry, so that an exception's message can never
start a line of its own.
"""

from __future__ import annotations

import traceback
from textwrap import indent

from flask import Flask, request

# Every line of a traceback starts with this, so a new entry can only be one the log started.
CONTINUATION = "  | "
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class CheckFlask(Flask):
    def log_exception(self, exc_info) -> None:
        rule = request.url_rule
        where = rule.rule if rule is not None else "an address no route matches"
        method = request.method if request.method in KNOWN_METHODS else "another method"
        trace = "".join(traceback.format_exception(*exc_info)).rstrip("\n")
        self.logger.error(
            "Exception in %s [%s]\n%s", where, method, indent(trace, CONTINUATION, lambda _: True)
        )
