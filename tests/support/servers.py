"""Local servers for browser tests: the app itself, and a stand-in exit destination."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from harness.deployed import gunicorn

PROJECT_ROOT = Path(__file__).resolve().parents[2]

DESTINATION_TITLE = "Exit destination"
# Another site's page, opened before the check, where Back after leaving should land.
PREVIOUS_PATH = "/search"
PREVIOUS_TITLE = "The page before the check"


class ExitDestination(BaseHTTPRequestHandler):
    """Plays the neutral site that "Leave this site" goes to (BBC Weather by default), and
    at PREVIOUS_PATH a page a person was on before they opened the check."""

    def do_GET(self):
        title = PREVIOUS_TITLE if self.path == PREVIOUS_PATH else DESTINATION_TITLE
        body = f"<!doctype html><title>{title}</title><p>Weather</p>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass  # keep test output clean


@contextmanager
def running(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def exit_destination():
    """Yields the destination's address."""
    with running(ThreadingHTTPServer(("127.0.0.1", 0), ExitDestination)) as server:
        yield f"http://127.0.0.1:{server.server_port}/weather"


@contextmanager
def live_app(**settings):
    """Serves the app with gunicorn exactly as `make run` does (harness/deployed.py), on
    127.0.0.1 and a free port; yields its base address. `settings` become FLASK_ variables."""
    with gunicorn(**settings) as base:
        yield base
