"""The pages nginx shows by itself (deploy/error-pages/, built by `make error-pages`): up to
date with the catalogues, in every language with the way out, and sent by deploy/nginx.conf
itself, with the app's headers, when nginx cannot pass a request on; and /exit, which
leads out even then."""

from __future__ import annotations

import base64
import hashlib
import re
import socket
import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup

from app.cli.error_pages import FOLDER, STATUSES, content_security_policy
from app.pages.languages import text_direction
from app.views.leaving import CLEAR_SITE_DATA
from app.web.headers import EVERY_RESPONSE, HSTS
from harness.deployed import (
    NGINX_CONF,
    UNVERIFIED_TLS,
    connection_to,
    free_port,
    nginx,
    nginx_or_skip,
    port_of,
)
from harness.slow_clients import slow_body_request
from tests.support.project import PROJECT_ROOT, UK

# Statuses nothing in this test can make nginx produce by itself are asked for at these
# paths, which the test adds to the file: each answers with its status, as nginx would.
ASKED_FOR = "/test-status/"


def page(status: int) -> BeautifulSoup:
    return BeautifulSoup((FOLDER / f"{status}.html").read_text(encoding="utf-8"), "html.parser")


# The files as built.


def test_the_pages_are_built_from_the_current_templates_and_catalogues(tmp_path):
    # As an operator or a translator rebuilds them (make error-pages runs this command).
    command = [sys.executable, "-m", "flask", "--app", "app", "checklist", "error-pages"]
    result = subprocess.run(
        [*command, "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for status in STATUSES:
        built = (tmp_path / f"{status}.html").read_text(encoding="utf-8")
        committed = (FOLDER / f"{status}.html").read_text(encoding="utf-8")
        assert built == committed, (
            f"deploy/error-pages/{status}.html is out of date: make error-pages"
        )
    # ...and nginx sends them with the policy that allows exactly their style and script.
    assert f'add_header Content-Security-Policy "{content_security_policy()}" always;' in (
        NGINX_CONF.read_text()
    ), "deploy/nginx.conf's /proxy-error/ policy: " + result.stderr


@pytest.mark.parametrize("status", STATUSES)
def test_each_page_speaks_every_language_with_the_way_out_first(status):
    html = page(status)
    link = html.select_one("body a")
    assert link["href"] == "/exit" and "exit-link" in link["class"]
    labels = {span["lang"]: span.get_text() for span in link.select("span[lang]")}
    assert list(labels) == list(UK.languages)
    parts = html.select("main section[lang]")
    assert [part["lang"] for part in parts] == list(UK.languages)
    english = parts[0]
    for part in parts:
        language = part["lang"]
        assert part["dir"] == text_direction(language)
        assert link.select_one(f"span[lang={language}]")["dir"] == text_direction(language)
        assert part.select_one("h1").get_text(strip=True)
        assert part.select_one(f"a[href='/?lang={language}']") is not None
        if language != "en":
            # Translated, not English left in place.
            assert labels[language] != labels["en"]
            for mine, theirs in zip(part.select("h1, p"), english.select("h1, p"), strict=True):
                assert mine.get_text(strip=True) != theirs.get_text(strip=True), language
    assert html.select_one("html")["lang"] == UK.default_language
    assert html.select_one("section[lang=ar]")["dir"] == "rtl"


@pytest.mark.parametrize("status", STATUSES)
def test_each_page_loads_nothing_and_its_policy_allows_only_its_own_style_and_script(status):
    html = page(status)
    assert not html.select("[src], link[rel=stylesheet], link[href^=http], img, iframe")
    assert {link["href"] for link in html.select("link")} == {"data:,"}
    (style,) = html.select("style")
    (script,) = html.select("script")

    def hashed(text: str) -> str:
        digest = hashlib.sha256(text.encode()).digest()
        return f"'sha256-{base64.b64encode(digest).decode()}'"

    policy = dict(d.split(" ", 1) for d in content_security_policy().split("; "))
    assert policy["style-src"] == hashed(style.string)
    assert policy["script-src"] == hashed(script.string)
    # Everything else as the app's own policy.
    app_policy = dict(
        d.split(" ", 1) for d in EVERY_RESPONSE["Content-Security-Policy"].split("; ")
    )
    assert policy == {
        **app_policy,
        "style-src": policy["style-src"],
        "script-src": policy["script-src"],
    }


# Sent by nginx itself.


@pytest.fixture(scope="module")
def nothing_answering(tmp_path_factory):
    """deploy/nginx.conf in front of one instance that is down, with ASKED_FOR added."""
    nginx_or_skip()
    folder = tmp_path_factory.mktemp("nginx-errors")
    asked_for = "".join(
        f"        location = {ASKED_FOR}{status} {{ return {status}; }}\n" for status in STATUSES
    )
    changes = {"        location / {\n": asked_for + "        location / {\n"}
    with nginx([free_port()], folder, changes) as (https, _):
        yield https


def fetch(base: str, path: str, method="GET", body=None):
    connection = connection_to(base)
    try:
        connection.request(method, path, body=body)
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


def assert_the_apps_headers(headers, policy: str) -> None:
    for name, value in EVERY_RESPONSE.items():
        expected = policy if name == "Content-Security-Policy" else value
        assert headers.get_all(name) == [expected], name
    assert headers[HSTS[0]] == HSTS[1]
    assert headers["Cache-Control"] == "no-store"


def assert_the_page_for(status: int, answer) -> None:
    got, headers, body = answer
    assert got == status
    assert body == (FOLDER / f"{status}.html").read_text(encoding="utf-8")
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert_the_apps_headers(headers, content_security_policy())


def test_no_instance_answering_gets_the_page_for_502(nothing_answering):
    assert_the_page_for(502, fetch(nothing_answering, "/questions/work"))
    assert_the_page_for(502, fetch(nothing_answering, "/questions/work", "POST", b"answer=yes"))


def test_too_much_to_send_gets_the_page_for_413(nothing_answering):
    assert_the_page_for(413, fetch(nothing_answering, "/", "POST", b"a" * 9000))


@pytest.mark.parametrize("status", STATUSES)
def test_every_status_has_its_page(nothing_answering, status):
    assert_the_page_for(status, fetch(nothing_answering, f"{ASKED_FOR}{status}"))


def test_the_pages_cannot_be_asked_for_from_outside(nothing_answering):
    status, _, body = fetch(nothing_answering, "/proxy-error/502.html")
    assert status == 404 and "exit-link" not in body


def test_exit_leads_out_when_no_instance_answers(nothing_answering):
    for method in ["GET", "POST"]:
        status, headers, _ = fetch(nothing_answering, "/exit", method)
        assert status == 303
        assert headers["Location"] == UK.exit_url
        assert headers["Clear-Site-Data"] == CLEAR_SITE_DATA
        assert_the_apps_headers(headers, EVERY_RESPONSE["Content-Security-Policy"])


def test_the_limit_per_address_gets_the_page_for_429_and_exit_still_leads_out(nothing_answering):
    limit = int(re.search(r"limit_conn per_address (\d+);", NGINX_CONF.read_text()).group(1))
    head, _ = slow_body_request(f"127.0.0.1:{port_of(nothing_answering)}")
    held = []
    try:
        for _ in range(limit):
            raw = socket.create_connection(("127.0.0.1", port_of(nothing_answering)))
            held.append(UNVERIFIED_TLS.wrap_socket(raw))
            held[-1].sendall(head + b"a")
        deadline = time.monotonic() + 5
        while (answer := fetch(nothing_answering, "/"))[0] != 429 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert_the_page_for(429, answer)
        # Over the limit, the way out on that page still opens.
        status, headers, _ = fetch(nothing_answering, "/exit")
        assert status == 303 and headers["Location"] == UK.exit_url
    finally:
        for connection in held:
            connection.close()


def test_nginx_leads_out_to_where_the_app_does():
    # The shipped file names the UK checklist's destination, marked PLACEHOLDER.
    fallback = re.search(
        r"location @leave_without_the_app \{.*?return 303 (\S+);", NGINX_CONF.read_text(), re.S
    )
    assert fallback.group(1) == UK.exit_url
