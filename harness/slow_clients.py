"""Slow clients, for tests and bench/slow_clients.py: connections that send their request
a byte at a time and never finish, while a probe times a normal page.

Each slow client runs in a thread of its own. If the server closes its connection, it
counts that and connects again at once, so the pressure never lets up.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from statistics import median

BODY_LENGTH = 4000  # under the app's 4 KB limit, so the app waits for all of it


def slow_header_request(host: str) -> tuple[bytes, bytes]:
    """(what is sent at once, what is then sent a byte at a time without end)"""
    return f"GET / HTTP/1.1\r\nHost: {host}\r\n".encode(), b"X-Slow: " + b"a" * 100_000


def slow_body_request(host: str) -> tuple[bytes, bytes]:
    head = (
        f"POST /questions/work HTTP/1.1\r\nHost: {host}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {BODY_LENGTH}\r\n\r\n"
    )
    return head.encode(), b"answer=yes&x=" + b"a" * BODY_LENGTH


@dataclass
class SlowClients:
    host: str
    port: int
    headers: int
    bodies: int
    byte_every: float = 1.0
    # Through TLS (nginx as deployed) when given: the client's own context.
    tls: ssl.SSLContext | None = None
    connections: int = 0  # made, including reconnections
    dropped: int = 0  # closed by the server
    stop: threading.Event = field(default_factory=threading.Event)
    open_now: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, request) -> None:
        first, trickle = request(f"{self.host}:{self.port}")
        while not self.stop.is_set():
            try:
                with self._connect() as sock:
                    self._count(connections=1, open_now=1)
                    try:
                        sock.sendall(first)
                        for byte in trickle:
                            if self.stop.wait(self.byte_every):
                                return
                            sock.sendall(bytes([byte]))
                    finally:
                        self._count(open_now=-1)
            except OSError:
                pass
            if not self.stop.is_set():
                self._count(dropped=1)

    def _connect(self) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout=10)
        if self.tls is None:
            return sock
        try:
            return self.tls.wrap_socket(sock, server_hostname=self.host)
        except OSError:
            sock.close()
            raise

    def _count(self, **changes) -> None:
        with self.lock:
            for name, change in changes.items():
                setattr(self, name, getattr(self, name) + change)


@contextmanager
def slow_clients(host: str, port: int, *, headers: int, bodies: int, byte_every=1.0, tls=None):
    """`headers` clients trickling their headers and `bodies` trickling a form's body,
    for as long as the block lasts (through TLS with `tls`, an ssl context); yields their
    SlowClients for its counts."""
    clients = SlowClients(host, port, headers, bodies, byte_every, tls)
    threads = [
        threading.Thread(target=clients.run, args=(request,), daemon=True)
        for request in [slow_header_request] * headers + [slow_body_request] * bodies
    ]
    for thread in threads:
        thread.start()
    # Let every one of them connect and start sending before anything is measured.
    deadline = time.monotonic() + 10
    while clients.open_now < headers + bodies and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(2 * byte_every)
    try:
        yield clients
    finally:
        clients.stop.set()
        for thread in threads:
            thread.join(timeout=15)


def probe(url: str, timeout: float = 90) -> float:
    """Seconds to load `url` whole on a new connection (the timeout counts as the time)."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
    except OSError:
        return timeout
    return time.perf_counter() - started


def probe_for(url: str, seconds: float, every: float = 1.0) -> list[float]:
    """Probe `url` every `every` seconds (or as soon as the last probe ends) for `seconds`."""
    times = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        times.append(probe(url))
        time.sleep(max(0.0, every - (time.monotonic() - started)))
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return (
        f"{len(times):3} probes  median {median(times) * 1000:8.1f} ms  "
        f"p90 {p90 * 1000:8.1f} ms  max {max(times) * 1000:8.1f} ms"
    )
