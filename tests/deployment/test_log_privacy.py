"""The log filter on its own (tests/deployment/test_serving.py reads the real gunicorn's log)."""

import logging
import sys

import pytest

from app.web.log_privacy import ClientDetailsFilter


def filtered(message, *args, name="gunicorn.error", exc_info=None) -> logging.LogRecord:
    record = logging.LogRecord(name, logging.WARNING, __file__, 1, message, args, exc_info)
    assert ClientDetailsFilter().filter(record)
    return record


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "203.0.113.9",
        "::1",
        "2001:db8::7",
        "fe80::",
        "::ffff:192.0.2.1",
        "2001:db8:0:0:0:0:0:1",
    ],
)
def test_addresses_are_removed_wherever_they_are(address):
    record = filtered("Something about %s, port 80", address)
    assert record.getMessage() == "Something about [address], port 80"


@pytest.mark.parametrize("text", ["SSL routines::packet", "version 27.0.1", "at 08:30:00"])
def test_other_text_is_left_alone(text):
    assert filtered(text).getMessage() == text


def test_a_refused_request_is_named_by_its_kind_alone():
    record = filtered("Invalid request from ip=::1: Invalid HTTP Version 'HTTP/9 secret'")
    assert record.getMessage() == "Invalid request refused: Invalid HTTP Version"


def test_a_failed_request_keeps_its_traceback_but_not_its_address():
    try:
        raise ValueError("from 198.51.100.4")
    except ValueError:
        record = filtered("Exception on /secret\n[GET]", name="app", exc_info=sys.exc_info())
    assert record.getMessage() == "Exception while answering a request (its address is not logged)"
    assert "ValueError: from [address]" in record.exc_text


def test_nothing_can_forge_a_line_of_its_own():
    record = filtered("Worker said %s", "x\r\n[2026-01-01] [1] [ERROR] forged")
    assert "\n" not in record.getMessage() and "\r" not in record.getMessage()
