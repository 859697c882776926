"""Stopping the service while people use it, for the tests of a graceful shutdown (gunicorn
on this machine, the container image) and anything else that stops an instance under use:

- HeldRequest: a person's answer in progress across the stop. It is sent with
  `Expect: 100-continue`, so the server says when it has taken the request up (gunicorn
  answers "100 Continue" from the thread that handles it); its last bytes are held back
  until finish(), so the request is still being read when the stop begins.
- KeptAliveProbe: /readyz asked again and again on one connection opened before the stop,
  as a load balancer's pooled connection would: a new connection is no longer accepted
  once the stop begins, so only such a connection can hear readiness fail.
"""

from __future__ import annotations

import http.client
import socket
import time
from urllib.parse import urlencode

HELD_BYTES = 5


def _response(sock: socket.socket) -> http.client.HTTPResponse:
    response = http.client.HTTPResponse(sock)
    response.begin()
    response.read()
    return response


class HeldRequest:
    """POST `fields` to `path` with the `cookie` header; the body's last bytes are held."""

    def __init__(self, host: str, port: int, path: str, fields: dict, cookie: str):
        body = urlencode(fields).encode()
        assert len(body) > HELD_BYTES
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nCookie: {cookie}\r\n"
            "Expect: 100-continue\r\nConnection: close\r\n\r\n"
        )
        self.sock = socket.create_connection((host, port), timeout=30)
        self.sock.sendall(head.encode())
        self._wait_for_continue()
        self.sock.sendall(body[:-HELD_BYTES])
        self.rest = body[-HELD_BYTES:]

    def _wait_for_continue(self) -> None:
        received = b""
        while not received.endswith(b"\r\n\r\n"):
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("the server closed the connection before taking it up")
            received += chunk
        assert received.startswith(b"HTTP/1.1 100 "), received

    def finish(self) -> http.client.HTTPResponse:
        """Send the rest of the body; the whole answer (its body already read)."""
        try:
            self.sock.sendall(self.rest)
            return _response(self.sock)
        finally:
            self.sock.close()


class KeptAliveProbe:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.sock = socket.create_connection((host, port), timeout=10)

    def ask(self) -> http.client.HTTPResponse:
        """GET /readyz on this connection (never a new one)."""
        self.sock.sendall(f"GET /readyz HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        return _response(self.sock)

    def until_not_ready(self, seconds: float = 5) -> http.client.HTTPResponse:
        """Ask until readiness fails; that answer. Raises if the connection is closed, or
        readiness still holds after `seconds`."""
        deadline = time.monotonic() + seconds
        while True:
            response = self.ask()
            if response.status != 200:
                return response
            if response.will_close or time.monotonic() > deadline:
                raise AssertionError("readiness did not fail while the connection was open")
            time.sleep(0.05)

    def close(self) -> None:
        self.sock.close()
