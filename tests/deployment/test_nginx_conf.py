"""deploy/nginx.conf itself, run with a certificate made for the test, in front of a
stand-in app that reports what reached it."""

from __future__ import annotations

import gzip
import json
import re
import socket
import threading
import time
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from harness.deployed import (
    NGINX_CONF,
    UNVERIFIED_TLS,
    connection_to,
    nginx,
    nginx_or_skip,
    port_of,
)
from harness.slow_clients import slow_body_request

PAGE = "<!doctype html><title>x</title>" + "<p>the same words again</p>" * 50
STYLESHEET = "body { color: black; }\n" * 50


class StandInApp(BaseHTTPRequestHandler):
    """Answers a page (HTML) or, under /static/, a stylesheet; /headers shows the
    headers it was sent."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/headers":
            body, kind = json.dumps(dict(self.headers.items())), "application/json"
        elif self.path.startswith("/static/"):
            body, kind = STYLESHEET, "text/css; charset=utf-8"
        else:
            body, kind = PAGE, "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body.encode())))
        self.end_headers()
        self.wfile.write(body.encode())

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    nginx_or_skip()
    folder = tmp_path_factory.mktemp("nginx")
    app = ThreadingHTTPServer(("127.0.0.1", 0), StandInApp)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    with ExitStack() as stack:
        stack.callback(app.server_close)
        stack.callback(app.shutdown)
        https, http = stack.enter_context(nginx([app.server_port], folder))
        yield https, http, folder


def fetch(base: str, path: str, method="GET", headers=None, body=None):
    connection = connection_to(base)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_plain_http_is_sent_to_https(proxy):
    _, http, _ = proxy
    status, headers, _ = fetch(http, "/questions/work?lang=ro")
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/questions/work?lang=ro"


def test_the_app_hears_only_nginx_about_the_scheme_the_host_and_the_client(proxy):
    https, _, _ = proxy
    client_says = {
        "X-Forwarded-Proto": "http",
        "X-Forwarded-Ssl": "on",
        "X-Forwarded-Protocol": "ssl",
        "X-Forwarded-Host": "evil.test",
        "X-Forwarded-For": "203.0.113.9",
        "X-Forwarded-Port": "1",
        "X-Forwarded-Prefix": "/evil",
        "X-Real-IP": "203.0.113.9",
        "Forwarded": "for=203.0.113.9;proto=http",
    }
    _, _, body = fetch(https, "/headers", headers=client_says)
    received = {name.lower(): value for name, value in json.loads(body).items()}
    assert received["x-forwarded-proto"] == "https"
    assert received["x-forwarded-host"] == f"127.0.0.1:{port_of(https)}"
    assert received["host"] == f"127.0.0.1:{port_of(https)}"
    for cleared in [
        "x-forwarded-ssl",
        "x-forwarded-protocol",
        "x-forwarded-for",
        "x-forwarded-port",
        "x-forwarded-prefix",
        "x-real-ip",
        "forwarded",
    ]:
        assert cleared not in received, cleared


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/readyz?x=1", "//readyz", "/%72eadyz"])
def test_the_health_endpoints_cannot_be_reached_from_outside(proxy, path):
    # The stand-in app answers every path with PAGE: a 404 without it came from nginx.
    https, _, _ = proxy
    status, _, body = fetch(https, path)
    assert status == 404
    assert body.decode() != PAGE
    # Paths that merely start the same way still reach the app.
    assert fetch(https, "/readyz-not")[0] == 200


def test_the_exit_reaches_the_app_while_it_answers(proxy):
    # nginx leads /exit out by itself only when the app cannot be reached
    # (tests/deployment/test_proxy_error_pages.py); otherwise the app clears the answers.
    https, _, _ = proxy
    for method in ["GET", "POST"]:
        status, _, body = fetch(
            https, "/exit", method=method, body=b"" if method == "POST" else None
        )
        assert (status, body.decode()) == (200, PAGE)


def test_stylesheets_are_compressed_and_pages_never_are(proxy):
    https, _, _ = proxy
    ask = {"Accept-Encoding": "gzip"}
    status, headers, body = fetch(https, "/questions/work", headers=ask)
    assert status == 200 and "Content-Encoding" not in headers  # BREACH: a page holds a token
    assert body.decode() == PAGE
    status, headers, body = fetch(https, "/", method="POST", headers=ask, body=b"a=1")
    assert "Content-Encoding" not in headers
    status, headers, body = fetch(https, "/static/page.abc.css", headers=ask)
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).decode() == STYLESHEET


def per_address_limit() -> int:
    found = re.search(r"^\s*limit_conn per_address (\d+);", NGINX_CONF.read_text(), re.MULTILINE)
    assert found, "deploy/nginx.conf no longer limits the requests from one address"
    return int(found.group(1))


def hold_requests(https: str, count: int) -> list[socket.socket]:
    """`count` requests in progress from this address, each with its body still coming."""
    head, _ = slow_body_request(f"127.0.0.1:{port_of(https)}")
    held = []
    for _ in range(count):
        raw = socket.create_connection(("127.0.0.1", port_of(https)))
        held.append(UNVERIFIED_TLS.wrap_socket(raw))
        held[-1].sendall(head + b"a")
    return held


def status_once_settled(https: str, expected: int) -> int:
    """nginx counts a request once it has read its headers: give it a moment."""
    deadline = time.monotonic() + 5
    while (status := fetch(https, "/questions/work")[0]) != expected:
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    return status


def test_one_address_has_a_limit_of_requests_at_once_that_a_few_slow_ones_do_not_reach(proxy):
    https, _, _ = proxy
    limit = per_address_limit()
    # Far above one browser's 6 connections, or a client trickling 16 bodies (issue 28).
    assert limit >= 128
    held = hold_requests(https, 16)
    try:
        # With 16 bodies coming, the same address is still served, at once.
        assert status_once_settled(https, 200) == 200
        held += hold_requests(https, limit - 16)
        assert status_once_settled(https, 429) == 429
    finally:
        for connection in held:
            connection.close()
    assert status_once_settled(https, 200) == 200


def test_its_error_log_keeps_no_address(proxy):
    https, _, folder = proxy
    held = hold_requests(https, per_address_limit())
    try:
        assert status_once_settled(https, 429) == 429  # refused: nothing written about it
    finally:
        for connection in held:
            connection.close()
    # Garbage instead of TLS, and a request line nginx refuses.
    with socket.create_connection(("127.0.0.1", port_of(https))) as raw:
        raw.sendall(b"\x16\x03\x01garbage" * 20)
        raw.recv(100)
    fetch(https, "/%00/Zq7secretmark")
    log = (folder / "error.log").read_text()
    assert "127.0.0.1" not in log
    assert "Zq7secretmark" not in log
