"""The service as `make run` serves it (gunicorn, deploy/gunicorn.conf.py, app.wsgi):
forwarded headers, slow clients, and what its log keeps."""

from __future__ import annotations

import socket
import time
import urllib.request

import pytest

from harness.deployed import gunicorn, port_of
from harness.slow_clients import probe, slow_clients

MARK = "Zq7secretmark"  # in every hostile request; must never reach the log


def get(url: str, **headers):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.status, response.headers


@pytest.fixture(scope="module")
def served():
    with gunicorn() as base:
        yield base


@pytest.fixture(scope="module")
def served_behind_a_proxy():
    with gunicorn(TRUSTED_PROXY_COUNT=1) as base:
        yield base


def test_without_a_trusted_proxy_no_one_can_claim_https(served):
    # Not even a client on the same machine: gunicorn used to believe 127.0.0.1.
    status, headers = get(f"{served}/", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert "Strict-Transport-Security" not in headers
    assert "Secure" not in headers["Set-Cookie"]


def test_with_a_trusted_proxy_its_https_is_believed(served_behind_a_proxy):
    status, headers = get(f"{served_behind_a_proxy}/", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert "; Secure" in headers["Set-Cookie"]
    status, headers = get(f"{served_behind_a_proxy}/")
    assert "Strict-Transport-Security" not in headers


@pytest.mark.parametrize("base", ["served", "served_behind_a_proxy"])
def test_other_scheme_headers_are_no_reason_to_refuse_a_request(request, base):
    # gunicorn answered 400 "Contradictory scheme headers" to these.
    headers = {"X-Forwarded-Proto": "http", "X-Forwarded-Ssl": "on", "X-Forwarded-Protocol": "ssl"}
    assert get(f"{request.getfixturevalue(base)}/", **headers)[0] == 200


def test_slow_clients_do_not_stop_the_service(served):
    # The sync workers used before stopped answering for 30 s with 2 of these.
    with slow_clients("127.0.0.1", port_of(served), headers=8, bodies=8, byte_every=0.5):
        times = [probe(f"{served}/", timeout=10) for _ in range(4)]
    assert max(times) < 2, times  # a behaviour check, not a benchmark: about 10 ms here


HOSTILE_REQUESTS = [
    f"GET /{MARK}\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
    f"GET /{MARK} HTTP/9.9\r\nHost: x\r\n\r\n",
    f"G\x00ET /{MARK} HTTP/1.1\r\nHost: x\r\n\r\n",
    f"GET /{MARK} HTTP/1.1\r\nHost: x\r\nBad\x01Name: {MARK}\r\n\r\n",
    f"GET /{MARK * 300} HTTP/1.1\r\nHost: x\r\n\r\n",
    f"GET /{MARK} HTTP/1.1\r\nHost: x\r\n"
    + "".join(f"X-{n}: {MARK}\r\n" for n in range(60))
    + "\r\n",
    f"GET /{MARK} HTTP/1.1\r\nHost: x\r\nX-Long: {MARK * 600}\r\n\r\n",
    f"POST /{MARK} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n{MARK}\r\n",
    f"GET /%0a/{MARK}?lang=en HTTP/1.1\r\nHost: x\r\n\r\n",
    f"GET /%0d%0a[{MARK}] forged line?lang=en HTTP/1.1\r\nHost: x\r\n\r\n",
    f"GET /questions/{MARK} HTTP/1.1\r\nHost: {MARK}\r\nConnection: close\r\n\r\n",
]


def send_raw(port: int, request: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request.encode("latin-1"))
        try:
            return sock.recv(200)
        except OSError:
            return b""


def test_the_log_keeps_no_client_address_and_nothing_a_request_carried(tmp_path):
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        with gunicorn(log=log) as base:
            answers = [send_raw(port_of(base), request) for request in HOSTILE_REQUESTS]
            with slow_clients("127.0.0.1", port_of(base), headers=2, bodies=2, byte_every=0.2):
                pass  # and then they hang up half-way
        # Sync workers with a short timeout: gunicorn's worker-timeout lines, as before.
        sync = ["--worker-class", "sync", "--threads", "1", "--timeout", "2"]
        with (
            gunicorn(*sync, log=log) as base,
            socket.create_connection(("127.0.0.1", port_of(base))) as sock,
        ):
            sock.sendall(f"GET /{MARK} HTTP/1.1\r\nHost: x\r\nX-Slow: ".encode())
            time.sleep(4)
    written = log_path.read_text()
    assert all(answer.startswith(b"HTTP/1.1 ") for answer in answers), answers
    assert "Invalid request refused: Invalid HTTP Version" in written  # lines were written
    assert "WORKER TIMEOUT" in written
    assert "127.0.0.1" not in written
    assert MARK.lower() not in written.lower()
    assert "forged line" not in written
    for line in written.splitlines():
        assert (
            line.startswith(("[20", "Traceback", "  ", "During", "The above")) or line[:1].isalpha()
        ), line
