"""How large a request may be, directly to gunicorn as shipped and through deploy/nginx.conf
with TLS in front of it (issue 28, part 3; docs/operators.md, "How large a request may be").

Browsers send every cookie of every site on a shared parent domain (council.example.gov.uk's
neighbours' included) with each request to the check. The limits of nginx and gunicorn
agree, so that nothing nginx passes on is refused by gunicorn's bare error; up to them every
page works; and beyond nginx's, the way out still leaves and clears what it can.
Over HTTP/2, as a browser sends it, in tests/deployment/test_header_sizes_in_chromium.py.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import re
import runpy
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from app.views.leaving import CLEAR_SITE_DATA
from app.web.oversized_headers import HEADERS_TOO_LARGE_PATH
from harness.deployed import (
    NGINX_CONF,
    PROJECT_ROOT,
    UNVERIFIED_TLS,
    connection_to,
    deployed_stack,
    gunicorn,
    nginx_or_skip,
    port_of,
)
from tests.support.pages import text_of
from tests.support.project import UK
from tests.support.walker import HttpVisitor, answers_by, walk

EXIT_URL = "https://exit.test/"
GUNICORN = runpy.run_path(str(PROJECT_ROOT / "deploy" / "gunicorn.conf.py"))
# Browsers keep each cookie under 4,096 bytes, name and value together.
ONE_COOKIE = 3_900


def nginx_header_buffers() -> tuple[int, int]:
    """deploy/nginx.conf's large_client_header_buffers: (how many, bytes each)."""
    found = re.search(
        r"^\s*large_client_header_buffers (\d+) (\d+)k;", NGINX_CONF.read_text(), re.M
    )
    assert found, "deploy/nginx.conf states large_client_header_buffers"
    return int(found.group(1)), int(found.group(2)) * 1024


BUFFERS, BUFFER_SIZE = nginx_header_buffers()
# The most nginx takes over HTTP/2, all headers together (names and values); over
# HTTP/1.1, the longest line, the request line included.
NGINX_ALL_HEADERS = BUFFERS * BUFFER_SIZE
NGINX_LINE = BUFFER_SIZE


def other_sites_cookies(total: int) -> list[tuple[str, str]]:
    """Cookies of other sites, `total` bytes of them as a browser sends them."""
    cookies, size, number = [], 0, 0
    while size < total:
        value = "v" * min(ONE_COOKIE, total - size)
        cookies.append((f"other{number}", value))
        size += len(f"other{number}={value}; ")
        number += 1
    return cookies


def carrying(visitor: HttpVisitor, cookies: list[tuple[str, str]], host: str) -> HttpVisitor:
    for name, value in cookies:
        visitor.cookies.set_cookie(
            http.cookiejar.Cookie(
                *(0, name, value, None, False, host, False, False, "/", True, False),
                *(None, True, None, None, {}),
            )
        )
    return visitor


def cookie_line_length(visitor: HttpVisitor) -> int:
    return len("Cookie: " + "; ".join(f"{c.name}={c.value}" for c in visitor.cookies))


def walk_to_the_guidance_then_leave(visitor: HttpVisitor) -> None:
    answers = answers_by(UK, lambda question, options: options[0])
    states = list(walk(visitor, UK, "someone_else", answers))
    assert states[-1] == "guidance"
    assert visitor.page.status == 200
    assert visitor.page.html.select_one("h1").get_text(strip=True) == "What you can do next"
    assert visitor.cookie("session") is not None
    # Leaving, with everything the browser holds (the visitor would follow the redirect
    # to the exit destination, which does not exist here).
    every_cookie = "; ".join(f"{c.name}={c.value}" for c in visitor.cookies)
    status, headers, _ = send(
        visitor.base, "GET", "/exit", browser_headers(visitor.base, every_cookie)
    )
    assert_left(status, headers)


def assert_left(status: int, headers: list[tuple[str, str]]) -> None:
    """The way out: to the exit destination, asking the browser to clear this site's
    cookies and storage and to delete the session cookie, whatever arrived."""
    assert status == 303, status
    named = {name.lower(): value for name, value in headers}
    assert named["location"] == EXIT_URL
    assert named["clear-site-data"] == CLEAR_SITE_DATA
    deletions = [
        value
        for name, value in headers
        if name.lower() == "set-cookie" and value.startswith("session=;")
    ]
    assert deletions and "Expires=Thu, 01 Jan 1970" in deletions[0], headers


def send(base: str, method: str, target: str, header_lines: list[tuple[str, str]]):
    """One request over HTTP/1.1 with exactly these headers (in this order); returns
    (status, headers as a list of pairs, body)."""
    connection = connection_to(base)
    try:
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        for name, value in header_lines:
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def browser_headers(base: str, cookie: str, language: str = "en") -> list[tuple[str, str]]:
    """What a browser sends, in a browser's order: the cookies last."""
    return [
        ("Host", f"127.0.0.1:{port_of(base)}"),
        ("User-Agent", "Mozilla/5.0"),
        ("Accept", "text/html"),
        ("Accept-Language", language),
        ("Cookie", cookie),
    ]


@pytest.fixture(scope="module")
def direct():
    """gunicorn as `make run` and the container image serve it, with no proxy in front."""
    with gunicorn(EXIT_URL=EXIT_URL) as base:
        yield base


@pytest.fixture(scope="module")
def through_nginx(tmp_path_factory):
    nginx_or_skip()
    with deployed_stack(tmp_path_factory.mktemp("stack"), EXIT_URL=EXIT_URL) as (https, _):
        yield https


def test_gunicorn_takes_every_line_nginx_passes_on():
    # nginx joins the cookies a browser sends apart over HTTP/2 into one Cookie line,
    # which can hold nearly all of its headers.
    assert GUNICORN["limit_request_field_size"] >= NGINX_ALL_HEADERS
    # A request line nginx takes ends in CRLF inside one buffer; gunicorn counts it without.
    assert GUNICORN["limit_request_line"] >= NGINX_LINE - 2


def test_directly_every_page_works_with_cookies_up_to_the_documented_size(direct):
    visitor = carrying(
        HttpVisitor(direct), other_sites_cookies(NGINX_ALL_HEADERS - 1_500), "127.0.0.1"
    )
    assert cookie_line_length(visitor) > NGINX_ALL_HEADERS - 2_000
    walk_to_the_guidance_then_leave(visitor)


def test_through_nginx_every_page_works_with_a_cookie_line_up_to_its_size(through_nginx):
    # Over HTTP/1.1 a browser sends all its cookies in one line.
    visitor = HttpVisitor(through_nginx, tls=UNVERIFIED_TLS)
    carrying(visitor, other_sites_cookies(NGINX_LINE - 1_000), "127.0.0.1")
    walk_to_the_guidance_then_leave(visitor)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_through_nginx_a_cookie_line_too_long_for_it_still_leaves(through_nginx, method):
    cookies = "; ".join(f"{n}={v}" for n, v in other_sites_cookies(3 * NGINX_LINE))
    lines = browser_headers(through_nginx, f"session=eyJzb21ldGhpbmciOjF9.x.y; {cookies}")
    if method == "POST":
        # Its length comes before the cookies, the body after them.
        lines.insert(1, ("Content-Length", "0"))
    status, headers, _ = send(through_nginx, method, "/exit?lang=ro", lines)
    assert_left(status, headers)


@pytest.mark.parametrize("path", ["/", "/questions/work", "/what-to-do-next?lang=ro"])
def test_through_nginx_any_other_page_says_what_happened_with_the_way_out(through_nginx, path):
    cookies = "; ".join(f"{n}={v}" for n, v in other_sites_cookies(3 * NGINX_LINE))
    status, headers, body = send(
        through_nginx, "GET", path, browser_headers(through_nginx, cookies)
    )
    assert status == 431
    named = dict((name.lower(), value) for name, value in headers)
    assert named["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in named["content-security-policy"]
    page = BeautifulSoup(body, "html.parser")
    assert page.select_one("a.exit-link")["href"] == "/exit"
    assert text_of(page.select_one("h1")) == (
        "Sorry, your browser sent more than this service accepts"
    )
    # In the language the browser asks for, when it said so before its cookies.
    status, _, body = send(
        through_nginx, "GET", path, browser_headers(through_nginx, cookies, language="ro")
    )
    romanian = BeautifulSoup(body, "html.parser")
    assert romanian.select_one("html")["lang"] == "ro"
    assert text_of(romanian.select_one("a.exit-link")) == "Părăsiți site-ul"


def test_the_page_nginx_sends_such_requests_to_is_the_apps(direct):
    # deploy/nginx.conf names the address; the app answers it with the same page.
    assert f" {HEADERS_TOO_LARGE_PATH}?" in NGINX_CONF.read_text()
    status, _, body = send(direct, "GET", HEADERS_TOO_LARGE_PATH, browser_headers(direct, "a=1"))
    assert status == 431
    assert 'href="/exit"' in body


@pytest.mark.parametrize("where", ["direct", "through_nginx"])
def test_the_longest_address_nginx_takes_reaches_the_app(request, where):
    base = request.getfixturevalue(where)
    for path, expected in [("/exit?", 303), ("/?", 200)]:
        padding = NGINX_LINE - len(f"GET {path} HTTP/1.1\r\n") - len("a=")
        target = f"{path}a={'x' * padding}"
        status, _, _ = send(base, "GET", target, browser_headers(base, "a=1"))
        assert status == expected, (path, status)


def test_the_documented_sizes_are_the_configured_ones():
    guide = (Path(PROJECT_ROOT) / "docs" / "operators.md").read_text()
    assert f"large_client_header_buffers {BUFFERS} {BUFFER_SIZE // 1024}k" in guide
    assert f"{NGINX_ALL_HEADERS // 1024} KB" in guide
    assert f"{NGINX_LINE // 1024} KB" in guide
