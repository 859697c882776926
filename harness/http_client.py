"""A browser over real HTTP with the few parts of Flask's test client that the page helpers
use (get, post, status_code, headers, get_data), so that tests/support/pages.py walks a
served instance (gunicorn, a container) through its own forms exactly as it walks the app
in process: the cookie kept, the CSRF token read from each form, redirects not followed.
"""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message


class _DoNotFollow(urllib.request.HTTPRedirectHandler):
    # Flask's test client returns a redirect as it is; the journey's helpers check it.
    def redirect_request(self, *args, **kwargs):
        return None


class HttpResponse:
    def __init__(self, status: int, headers: Message, body: bytes):
        self.status_code = status
        self.headers = headers
        self.data = body

    def get_data(self, as_text: bool = False):
        return self.data.decode() if as_text else self.data

    # `with client.get(...) as response:`, as with the test client.
    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False


class HttpClient:
    """One browser: its cookies, sent back to the same base address."""

    def __init__(self, base: str, timeout: float = 10):
        self.base = base
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _DoNotFollow()
        )

    def get(self, path: str, headers: dict | None = None) -> HttpResponse:
        return self.open("GET", path, headers=headers)

    def post(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data or {}).encode()
        return self.open("POST", path, body, headers)

    def open(self, method: str, path: str, body: bytes | None = None, headers=None):
        request = urllib.request.Request(
            urllib.parse.urljoin(self.base, path), data=body, method=method, headers=headers or {}
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return HttpResponse(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:  # 3xx not followed, 4xx, 5xx: all answers
            with error:
                return HttpResponse(error.code, error.headers, error.read())

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)
