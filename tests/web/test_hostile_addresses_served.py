"""Hostile addresses sent to the real server, byte for byte (issue 13, part 3).

The test client hands the app an environ directly; gunicorn parses the request line
itself, and may decode, refuse or pass on what it finds differently. So these requests go
over a socket to gunicorn started as in production.
"""

from __future__ import annotations

import socket
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from app.checklist import load_checklist
from tests.support.addresses import assert_addresses_stay_on_site, hosts_linked_to
from tests.support.project import REAL_CHECKLIST
from tests.support.servers import live_app

# As in tests/web/test_request_fuzzing.py: the way out and the contacts' websites.
ALLOWED_HOSTS = hosts_linked_to(load_checklist(REAL_CHECKLIST), "https://exit.test/")
PRINTABLE_ASCII = "".join(chr(code) for code in range(0x21, 0x7F))
# Request targets as they travel, raw bytes and all.
TARGETS = [
    b"/%09/evil.example/phish?lang=en",
    b"/%09/evil.example",
    b"/%0a/x?lang=en",
    b"/%0d/x?lang=en",
    b"/%0d%0a/x?lang=en",
    b"/%0a[2026-01-01%2000:00:00%20+0000]%20[1]%20[ERROR]%20forged?lang=en",
    b"/%5c/evil.example?lang=en",
    b"/%5C%5Cevil.example",
    b"/%2f/evil.example?lang=en",
    b"/%2F%2Fevil.example",
    b"/\\evil.example?lang=en",
    b"/\\/evil.example",
    b"//evil.example?lang=en",
    b"///evil.example",
    b"/%ff%fe?lang=en",
    b"/%c0%af/evil.example?lang=ro",
    b"/questions/%0a?lang=en",
    b"/questions/appearance?lang=en&next=%0a//evil.example",
    b"/questions/appearance?_external=1&_scheme=https&lang=ro",
    b"/?lang=%0d%0aSet-Cookie:%20x=1",
    b"/\t/evil.example?lang=en",  # a raw tab: the server may refuse it outright
    b"/\xc3\xa9/evil.example?lang=en",  # raw UTF-8
    b"/\xff?lang=en",  # a raw byte that is not UTF-8
]


@pytest.fixture(scope="module")
def server():
    with live_app() as base:
        yield base


def send(base: str, target: bytes, extra: bytes = b"") -> tuple[int, dict[str, str], str]:
    """One GET of `target`, exactly as given (with `extra` header lines); the status,
    headers and body."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            b"GET "
            + target
            + b" HTTP/1.1\r\nHost: "
            + f"{host}:{port}".encode()
            + b"\r\nConnection: close\r\n"
            + extra
            + b"\r\n"
        )
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body.decode("utf-8", "replace")


@pytest.mark.parametrize("target", TARGETS, ids=lambda target: repr(target)[2:-1])
def test_gunicorn_and_the_app_answer_a_hostile_address_safely(server, target):
    status, headers, body = send(server, target)
    assert status < 500, (status, body[:200])
    html = body if headers.get("content-type", "").startswith("text/html") else ""
    # The browser's URL: what it asked for, with raw bytes and spaces percent-encoded.
    here = server + quote(target, safe=PRINTABLE_ASCII)
    assert_addresses_stay_on_site(here, headers.get("location"), html, ALLOWED_HOSTS)
    if 300 <= status < 400:
        # The redirect lands on a page that answers, still on the site.
        location = headers["location"]
        assert location.startswith("/") and not location.startswith("//")
        assert send(server, location.encode("ascii"))[0] < 500


def test_a_static_file_through_gunicorn_leaves_the_session_alone(server):
    """Asked for with a session cookie and "?lang=ro", as a browser part-way through would."""
    status, headers, body = send(server, b"/")
    cookie = headers["set-cookie"].split(";", 1)[0].encode()
    stylesheet = BeautifulSoup(body, "html.parser").select_one("link[rel=stylesheet]")["href"]
    for target in [stylesheet, stylesheet + "?lang=ro"]:
        status, headers, _ = send(server, target.encode(), b"Cookie: " + cookie + b"\r\n")
        assert status == 200
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        assert "set-cookie" not in headers, headers
        # Gzipped or not is the only difference a cache must keep apart.
        assert headers.get("vary") == "Accept-Encoding", headers
