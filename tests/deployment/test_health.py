"""Liveness (/healthz) and readiness (/readyz): cheap, about no one, and honest about a
shutdown; then gunicorn stopping with a person's answer in progress (app/web/health.py,
deploy/gunicorn.conf.py)."""

from __future__ import annotations

import signal
import socket
import time
import urllib.request

import pytest
from werkzeug.test import Client

from app.web.health import HealthEndpoints
from harness.deployed import gunicorn_process, port_of
from harness.shutdown import HeldRequest, KeptAliveProbe
from tests.support.pages import begin, page_of_every_kind, parse
from tests.support.walker import HttpVisitor

PROBES = ["/healthz", "/readyz"]
# deploy/gunicorn.conf.py's graceful_timeout.
GRACEFUL_TIMEOUT = 20


def test_readiness_answers_once_the_app_is_built(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ready"
    assert client.get("/healthz").get_data(as_text=True) == "ok"


@pytest.mark.parametrize("kiosk", [False, True], ids=["public", "kiosk"])
@pytest.mark.parametrize("path", PROBES)
def test_a_probe_opens_no_session_sets_no_cookie_and_chooses_no_language(make_app, path, kiosk):
    client = make_app(KIOSK_MODE=kiosk).test_client()
    begin(client)  # a session with answers in it, as a person's browser would have
    cookie_before = client.get_cookie("session").value
    # ?lang= switches the language on every page; here it must do nothing.
    response = client.get(f"{path}?lang=ro", headers={"Accept-Language": "ro"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "Content-Language" not in response.headers
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get_cookie("session").value == cookie_before


def test_readiness_fails_until_the_app_is_ready_and_from_the_start_of_a_shutdown():
    def app(environ, start_response):
        start_response("200 OK", [])
        return [b"the app"]

    health = HealthEndpoints(app)
    probe = Client(health)

    def readiness():
        response = probe.get("/readyz")
        return response.status_code, response.get_data(as_text=True)

    assert readiness() == (503, "starting")
    assert probe.get("/healthz").status_code == 200  # alive while it starts
    health.mark_ready()
    assert readiness() == (200, "ready")
    health.begin_shutdown()
    assert readiness() == (503, "shutting down")
    assert probe.get("/healthz").status_code == 200  # alive while it finishes
    assert probe.get("/readyz/more").get_data() == b"the app"  # only the exact paths


@pytest.mark.parametrize("path", PROBES)
def test_a_probe_answers_get_and_head_only(client, path):
    head = client.head(path)
    assert head.status_code == 200 and head.get_data() == b""
    refused = client.post(path)
    assert refused.status_code == 405
    assert refused.headers["Allow"] == "GET, HEAD"
    assert "Set-Cookie" not in refused.headers


def test_no_page_links_to_the_probes(client):
    for name, response in page_of_every_kind(client):
        page = parse(response)
        for element in page.select("[href], [action], [src]"):
            address = element.get("href") or element.get("action") or element.get("src")
            assert not any(probe in address for probe in PROBES), (name, address)


def test_gunicorn_fails_readiness_at_sigterm_and_finishes_the_answer_in_progress(tmp_path):
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log, gunicorn_process(log=log) as (base, process):
        port = port_of(base)
        with urllib.request.urlopen(f"{base}/readyz") as ready:
            assert ready.status == 200
            assert ready.headers["Set-Cookie"] is None
        # A person on the start page, about to send their choice.
        visitor = HttpVisitor(base)
        visitor.open("/")
        form = visitor.page.html.select_one("form[method=post]")
        fields = {"csrf_token": form.select_one("[name=csrf_token]")["value"]}
        fields["audience"] = "someone_else"
        probe = KeptAliveProbe("127.0.0.1", port)
        assert probe.ask().status == 200
        answer = HeldRequest("127.0.0.1", port, "/", fields, f"session={visitor.cookie('session')}")

        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        # Readiness fails first, while the answer is still being sent...
        not_ready = probe.until_not_ready()
        assert not_ready.status == 503
        assert not_ready.getheader("Connection") == "close"
        # ...and the answer, in progress all along, goes through.
        response = answer.finish()
        assert response.status == 303
        assert response.getheader("Location") == "/before-you-start"
        assert "session=" in response.getheader("Set-Cookie")
        assert process.wait(timeout=GRACEFUL_TIMEOUT + 10) == 0
        assert time.monotonic() - stopping < GRACEFUL_TIMEOUT
        probe.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    written = log_path.read_text()
    assert "Worker exiting" in written and "Shutting down: Master" in written
    assert not any(probe in written for probe in PROBES)
