"""Log lines with nobody in them: no client address and nothing a request carried.

The service keeps no access log, but gunicorn's own error lines name the client
("Invalid request from ip=…: Invalid Request Line '…'"), a failed request's method and
address, and Flask's the path of a request that failed. A path can carry what a person
typed, and an address says who was here. This filter sits on the log handler that
deploy/gunicorn.conf.py sets up for every logger, so it sees every line the service
writes, whoever wrote it:

- lines about a request are rewritten to say what went wrong, not what was sent or by whom;
- every IPv4 or IPv6 address left anywhere in a line or its traceback becomes "[address]"
  (the server's own address at start-up too: `make run` prints it itself);
- control characters are escaped, so nothing in a request can forge a line of its own.
"""

from __future__ import annotations

import logging
import re

_GROUPS = r"[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*"
ADDRESS = re.compile(
    r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])"  # IPv4
    r"|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])"  # IPv6, all 8 groups
    # IPv6 with "::", perhaps ending in IPv4 (::ffff:192.0.2.1): a group on one side at least
    rf"|(?<![\w:])(?:(?:{_GROUPS})?::{_GROUPS}|{_GROUPS}::)(?:\.\d{{1,3}}){{0,3}}(?![\w:])"
)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# gunicorn's text for a request it refused: its kind comes before any quote, colon or
# bracket; what follows is the request's own content.
INVALID_REQUEST = re.compile(r"Invalid request from ip=\S*: (?P<error>.*)", re.DOTALL)
ERROR_KIND_ENDS = re.compile(r"""['":(]""")


class ClientDetailsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = _without_request_content(record)
        record.msg = _escaped(ADDRESS.sub("[address]", message))
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = ADDRESS.sub("[address]", record.exc_text)
        return True


def _without_request_content(record: logging.LogRecord) -> str:
    template = str(record.msg)
    # gunicorn: "Error handling request %s %s" (method, address) with the traceback,
    # for an app error or a worker stopped mid-request.
    if template.startswith("Error handling request"):
        return "Error handling request (its address and content are not logged)"
    # Flask: f"Exception on {request.path} [{request.method}]", with the traceback.
    if template.startswith("Exception on "):
        return "Exception while answering a request (its address is not logged)"
    message = record.getMessage()
    refused = INVALID_REQUEST.match(message)
    if refused:
        kind = ERROR_KIND_ENDS.split(refused["error"], 1)[0].strip()
        return f"Invalid request refused: {kind}"
    return message


def _escaped(text: str) -> str:
    return CONTROL.sub(lambda character: f"\\x{ord(character[0]):02x}", text)
