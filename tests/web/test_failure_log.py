"""What the app writes to its log when a request fails: the route, never the address as sent,
and no line that a request can make look like an entry of its own (app/web/failure_log.py)."""

import io
import logging
from urllib.parse import quote

import pytest
from flask import request

from app.web.failure_log import CONTINUATION

FORGED = "[2026-01-01 00:00:00,000] ERROR in app: forged"
LINE_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]


@pytest.fixture
def failing_app(make_app):
    """An app whose question page fails with the request's own words in the exception."""
    app = make_app(TESTING=False)

    def fails(question_id):
        raise ValueError(f"could not show {question_id!s} for {request.full_path}")

    app.view_functions["journey.question"] = fails
    return app


@pytest.fixture
def log(failing_app):
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.setFormatter(
        logging.Formatter("[%(asctime)s] %(levelname)s in %(module)s: %(message)s")
    )
    failing_app.logger.addHandler(handler)
    yield written
    failing_app.logger.removeHandler(handler)


@pytest.mark.parametrize("line_break", LINE_BREAKS)
def test_a_crafted_address_cannot_write_a_line_of_its_own(failing_app, log, line_break):
    forged = line_break + FORGED
    response = failing_app.test_client().get(
        "/questions/x",
        environ_overrides={
            "PATH_INFO": "/questions/x" + forged.encode().decode("latin-1"),
            "QUERY_STRING": "a=" + quote(forged),
        },
    )
    assert response.status_code == 500
    lines = log.getvalue().splitlines()
    assert lines[0].endswith("ERROR in failure_log: Exception in /questions/<question_id> [GET]")
    assert all(line.startswith(CONTINUATION) for line in lines[1:]), lines
    assert not any(line.startswith(FORGED) for line in lines)
    assert "ValueError: could not show" in log.getvalue(), "the traceback is still there"
