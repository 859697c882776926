"""What the service writes to its log when a request fails: never what the request said.

Flask's own line is "Exception on <path> [<method>]". A path is chosen by whoever sends the
request: "/%0a[...] ERROR in app: ..." would write a forged line into the operator's log,
and a query string can hold anything. So the line names the route that failed (the
service's own pattern, such as /questions/<question_id>) and the method, and every line of
the traceback is marked as part of this entry, so that an exception's message can never
start a line of its own.
"""

from __future__ import annotations

import logging
import traceback
from textwrap import indent

from flask import Flask, request

# Every line of a traceback starts with this, so a new entry can only be one the log started.
CONTINUATION = "  | "
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class CheckFlask(Flask):
    def log_exception(self, exc_info) -> None:
        if not self.logger.isEnabledFor(logging.ERROR):
            return
        rule = request.url_rule
        where = rule.rule if rule is not None else "an address no route matches"
        method = request.method if request.method in KNOWN_METHODS else "another method"
        record = self.logger.makeRecord(
            self.logger.name,
            logging.ERROR,
            __file__,
            0,
            "Exception in %s [%s]",
            (where, method),
            exc_info,
        )
        # The traceback, marked, as the record's exception text: handlers print it below the
        # line, and log filters that escape a message's line breaks leave it readable.
        trace = "".join(traceback.format_exception(*exc_info)).rstrip("\n")
        record.exc_text = indent(trace, CONTINUATION, lambda _: True)
        self.logger.handle(record)
