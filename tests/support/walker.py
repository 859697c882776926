"""Walking the check as a person does: through its own pages and forms, by checklist ids.

The one journey walker for every test that walks, whatever it walks with:

- `ClientVisitor`: Flask's test client (or anything with its `get` and `post`), or
- `HttpVisitor`: a real server over HTTP(S) (gunicorn, nginx, a container), or
- `BrowserVisitor`: a Playwright page in Chromium, through the page's own controls.

`walk()` goes from the start page to the guidance, choosing by ids (an audience id, an
answer id for each question), never by English words, so the same walk serves every
language and every checklist file; it yields the name of each state while the visitor
shows it, for the test to look at. The visitors' steps (`press`, `choose`, `go_on`) are
what a person does on one page, for tests that walk part of the way by hand.
"""

from __future__ import annotations

import http.cookiejar
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlencode, urlsplit

from bs4 import BeautifulSoup

from app.checklist import Checklist

START = "/"
BEFORE_YOU_START = "/before-you-start"
CHECK_YOUR_ANSWERS = "/check-your-answers"
GUIDANCE = "/what-to-do-next"


def question_path(question_id: str) -> str:
    return f"/questions/{question_id}"


class Visitor(Protocol):
    """Someone at a page of the check, who can open an address and use the page's forms."""

    @property
    def path(self) -> str:
        """The path of the page shown now."""

    def open(self, path: str) -> None: ...

    def press(self, name: str, value: str) -> None:
        """Press the submit button called `name` with this value (an audience's button)."""

    def choose(self, name: str, value: str) -> None:
        """Choose the radio button `name` with this value and send its form."""

    def go_on(self) -> None:
        """Press the main form's button, choosing nothing: Continue, See what to do next."""


def walk(
    visitor: Visitor,
    checklist: Checklist,
    audience: str,
    answers: Mapping[str, str],
    *,
    errors: Collection[str] = (),
    start: str = START,
) -> Iterator[str]:
    """From the start page to the guidance, as `audience` answering `answers` (question id →
    answer id). Yields, while the visitor shows it: "start", "before you start" (when the
    page is shown), "question <id>" for each question (then "question <id> error" after
    sending it with nothing chosen, for the ids in `errors`), "check your answers" and
    "guidance". A test may stop walking at any state. `start`: where the visit begins, "/"
    or a start page at a language's own address ("/ro/")."""
    visitor.open(start)
    yield "start"
    visitor.press("audience", audience)
    if visitor.path == BEFORE_YOU_START:
        yield "before you start"
        visitor.go_on()
    for question in checklist.questions:
        assert visitor.path == question_path(question.id), visitor.path
        yield f"question {question.id}"
        if question.id in errors:
            visitor.go_on()
            assert visitor.path == question_path(question.id), visitor.path
            yield f"question {question.id} error"
        visitor.choose("answer", answers[question.id])
    assert visitor.path == CHECK_YOUR_ANSWERS, visitor.path
    yield "check your answers"
    visitor.go_on()
    assert visitor.path == GUIDANCE, visitor.path
    yield "guidance"


def walk_to(visitor: Visitor, checklist: Checklist, audience: str, answers, state: str) -> None:
    """Walk until `state` (a name `walk` yields) is shown."""
    for reached in walk(visitor, checklist, audience, answers):
        if reached == state:
            return
    raise AssertionError(f"the walk never reached {state!r}")


def answers_by(checklist: Checklist, pick) -> dict[str, str]:
    """An answer for every question: `pick(question, its answer ids)` chooses one."""
    return {
        question.id: pick(question, [option.id for option in checklist.options_for(question)])
        for question in checklist.questions
    }


# Visitors that read the HTML themselves: a test client, or HTTP to a real server.


@dataclass(frozen=True)
class Answer:
    """One response as a form visitor received it."""

    method: str
    path: str
    status: int
    location: str | None
    headers: Mapping[str, str]
    body: str
    # The response object itself, where there is one (Flask's test client's).
    raw: object = None

    @property
    def html(self) -> BeautifulSoup:
        return BeautifulSoup(self.body, "html.parser")


class FormVisitor:
    """Finds forms in the HTML and sends them as a browser would (the CSRF token
    included), following redirects; `answers` keeps every response in order."""

    def __init__(self) -> None:
        self.answers: list[Answer] = []

    @property
    def page(self) -> Answer:
        """The page shown now: the last response that was not a redirect."""
        return next(a for a in reversed(self.answers) if a.location is None)

    @property
    def path(self) -> str:
        return self.page.path

    def open(self, path: str) -> None:
        self._follow(self._request("GET", path, None))

    def press(self, name: str, value: str) -> None:
        button = self.page.html.select_one(f"form button[name='{name}'][value='{value}']")
        assert button is not None, f"no button {name}={value} on {self.path}"
        self._send(button.find_parent("form"), {name: value})

    def choose(self, name: str, value: str) -> None:
        radio = self.page.html.select_one(f"form input[name='{name}'][value='{value}']")
        assert radio is not None, f"no choice {name}={value} on {self.path}"
        self._send(radio.find_parent("form"), {name: value})

    def go_on(self) -> None:
        form = self.page.html.select_one("main form")
        assert form is not None, f"no form on {self.path}"
        self._send(form, {})

    def _send(self, form, chosen: dict[str, str]) -> None:
        hidden = form.select("input[type=hidden]")
        fields = {field["name"]: field.get("value", "") for field in hidden}
        fields.update(chosen)
        action = form.get("action") or self.path
        if form.get("method", "get").lower() == "post":
            self._follow(self._request("POST", action, fields))
        else:
            query = urlencode(fields)
            self._follow(self._request("GET", action + (f"?{query}" if query else ""), None))

    def _follow(self, answer: Answer) -> None:
        self.answers.append(answer)
        for _ in range(10):
            if answer.location is None:
                return
            answer = self._request("GET", answer.location, None)
            self.answers.append(answer)
        raise AssertionError("more than 10 redirects")

    def _request(self, method: str, path: str, fields: dict | None) -> Answer:
        raise NotImplementedError


REDIRECTS = {301, 302, 303, 307, 308}


class ClientVisitor(FormVisitor):
    """A visitor over Flask's test client, or anything with the same `open` method."""

    def __init__(self, client) -> None:
        super().__init__()
        self.client = client

    def _request(self, method: str, path: str, fields: dict | None) -> Answer:
        response = self.client.open(path, method=method, data=fields)
        location = response.headers.get("Location") if response.status_code in REDIRECTS else None
        return Answer(
            method,
            urlsplit(path).path,
            response.status_code,
            location,
            dict(response.headers),
            response.get_data(as_text=True),
            response,
        )


class HttpVisitor(FormVisitor):
    """A visitor over real HTTP(S) to `base` ("https://127.0.0.1:8443"), with its own cookie
    jar, following redirects itself. `tls`: an ssl context (a test's own certificate)."""

    def __init__(self, base: str, *, tls: ssl.SSLContext | None = None, timeout: float = 10):
        super().__init__()
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        handlers = [
            urllib.request.HTTPCookieProcessor(self.cookies),
            _NoRedirects(),
            urllib.request.HTTPSHandler(context=tls),
        ]
        self._opener = urllib.request.build_opener(*handlers)

    def cookie(self, name: str) -> str | None:
        """The value of the cookie `name` this visitor holds, if any."""
        return next((cookie.value for cookie in self.cookies if cookie.name == name), None)

    def _request(self, method: str, path: str, fields: dict | None) -> Answer:
        url = urllib.parse.urljoin(self.base + "/", path.lstrip("/")) if "://" not in path else path
        data = urlencode(fields).encode() if fields is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
            # As a browser sends on a form post: the check compares it with the page's own.
            request.add_header("Origin", self.base)
        try:
            response = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:  # 4xx/5xx, and redirects (not followed)
            response = error
        with response:
            status = response.status if hasattr(response, "status") else response.code
            body = response.read().decode("utf-8", "replace")
            headers = dict(response.headers.items())
        location = headers.get("Location") if status in REDIRECTS else None
        if location is not None and location.startswith(self.base):
            location = location.removeprefix(self.base) or "/"
        return Answer(method, urlsplit(url).path, status, location, headers, body)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as they are: FormVisitor follows them and keeps each one."""

    def redirect_request(self, *args, **kwargs):
        return None


# A visitor in a real browser.


class BrowserVisitor:
    """A Playwright page in Chromium at `base`, using each page's own controls."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base.rstrip("/")

    @property
    def path(self) -> str:
        return urlsplit(self.page.url).path

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)

    def press(self, name: str, value: str) -> None:
        click_and_wait(self.page, self.page.locator(f"button[name='{name}'][value='{value}']"))

    def choose(self, name: str, value: str) -> None:
        radio = self.page.locator(f"input[name='{name}'][value='{value}']")
        radio.check()
        click_and_wait(self.page, radio.locator("xpath=ancestor::form//button[@type='submit']"))

    def go_on(self) -> None:
        click_and_wait(self.page, self.page.locator("main form button[type=submit]").first)


def click_and_wait(page, control) -> None:
    """Click a control that loads a page, and wait for that page. Consecutive question
    pages have the same controls, so acting before the new page arrives would act on the
    old one.

    The old page's content is marked first, and the wait is for content without the mark:
    a new page, or, with JavaScript, an error shown in place of the form (no navigation).
    Then for the page to load, so that its scripts are in place before the next step."""
    page.evaluate("document.getElementById('main-content').setAttribute('data-left-behind', '')")
    control.click()
    page.wait_for_selector("#main-content:not([data-left-behind])", state="attached")
    page.wait_for_load_state()
