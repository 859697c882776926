"""Generated requests at every route: nothing a browser, a bot or an attacker sends may crash
a page, hide the way out, be echoed back unescaped or lose a person's answers.

Every request carries the cookie of a person part-way through the check (or a broken or
forged one instead). The app keeps nothing on the server, so one app and one prepared
cookie serve every example; each request is independent of the others.
"""

from __future__ import annotations

import functools
from unittest import mock
from urllib.parse import quote

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from werkzeug.datastructures import MultiDict

from app import create_app
from app.journey.cookie import (
    ANSWERS_KEY,
    AUDIENCE_KEY,
    CSRF_SECRET_KEY,
    EXIT_HELP_SEEN_KEY,
    FLASHES_KEY,
    LANGUAGE_KEY,
    LAST_USED_KEY,
)
from tests.support.addresses import assert_addresses_stay_on_site, hosts_linked_to
from tests.support.pages import parse, text_of
from tests.support.project import TEST_SECRET

EXIT_URL = "https://exit.test/"
# Answers given before the generated request; they must survive any rejected request.
EARLIER_ANSWERS = {"appearance": "yes", "behaviour": "not_sure"}
# If this element appears in a page, something sent in the request was not escaped.
MARKER = '<i data-fuzz="1">x</i>'
TWO_HOURS = 2 * 60 * 60

QUESTION_IDS = ["appearance", "behaviour", "work", "housing", "control", "age"]
ROUTES = [
    "/",
    "/before-you-start",
    "/staying-safe-online",
    "/check-your-answers",
    "/what-to-do-next",
    "/start-again",
    "/exit",
    "/healthz",
    "/readyz",
    "/static/app.css",
    "/static/exit.js",
    *(f"/questions/{question_id}" for question_id in QUESTION_IDS),
]
METHODS = ["GET", "POST", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]
ANSWER_IDS = ["yes", "no", "not_sure", "under_18", "adult", "unknown", "someone_else", "myself"]
FIELD_NAMES = ["answer", "audience", "csrf_token", "change"]


class Prepared:
    """An app, and what a real browser part-way through the check would hold."""

    def __init__(self):
        self.app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": TEST_SECRET,
                "EXIT_URL": EXIT_URL,
                # Trust one proxy, so that generated X-Forwarded-* headers are acted on.
                "TRUSTED_PROXY_COUNT": 1,
            }
        )
        self.cookie_name = self.app.config["SESSION_COOKIE_NAME"]
        self.sessions = self.app.session_interface.get_signing_serializer(self.app)
        self.cookie, self.csrf_token = self._part_way_through()
        _, self.other_csrf_token = self._part_way_through()
        self.expired_csrf_token = self._signed_long_ago(
            URLSafeTimedSerializer(TEST_SECRET, salt="wtf-csrf-token"),
            self.load(self.cookie)[CSRF_SECRET_KEY],
        )

    def _part_way_through(self) -> tuple[str, str]:
        client = self.app.test_client()
        client.post("/", data={"audience": "someone_else", "csrf_token": self._token(client)})
        client.get("/before-you-start")
        for question_id, answer_id in EARLIER_ANSWERS.items():
            client.post(
                f"/questions/{question_id}",
                data={"answer": answer_id, "csrf_token": self._token(client)},
            )
        return client.get_cookie(self.cookie_name).value, self._token(client)

    @staticmethod
    def _token(client) -> str:
        return parse(client.get("/")).select_one("input[name=csrf_token]")["value"]

    @staticmethod
    def _signed_long_ago(serializer: URLSafeTimedSerializer, value) -> str:
        long_ago = int(TimestampSigner(TEST_SECRET).get_timestamp()) - TWO_HOURS
        with mock.patch.object(TimestampSigner, "get_timestamp", return_value=long_ago):
            return serializer.dumps(value)

    def load(self, cookie: str) -> dict:
        return self.sessions.loads(cookie)

    def expired_cookie(self) -> str:
        return self._signed_long_ago(self.sessions, self.load(self.cookie))


@functools.cache
def prepared() -> Prepared:
    return Prepared()


# Text of every kind: any unicode (control characters included), and the marker inside it.
any_text = st.one_of(
    st.text(max_size=40),
    st.just(MARKER),
    st.builds(
        lambda before, after: before + MARKER + after, st.text(max_size=5), st.text(max_size=5)
    ),
    # Oversized: beyond MAX_CONTENT_LENGTH on its own.
    st.integers(min_value=3_000, max_value=9_000).map(lambda n: "x" * n),
)
# What can travel in a header: no line breaks (servers refuse those before the app).
header_text = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=40),
    st.just(MARKER),
)


def mostly(usual, unusual):
    """`usual` three times in four: enough odd requests, and enough that reach the pages."""
    return st.sampled_from([usual, usual, usual, unusual]).flatmap(lambda chosen: chosen)


paths = mostly(
    st.sampled_from(ROUTES),
    st.one_of(
        st.builds(lambda part: "/questions/" + quote(part, safe=""), any_text),
        # Raw unicode and control characters in the path; "?" and "#" would end it.
        st.builds(
            lambda part: "/" + part.replace("?", "%3F").replace("#", "%23"), st.text(max_size=30)
        ),
        st.builds(lambda part: "/" + quote(part), any_text),
        st.sampled_from(["//exit.test/", "/questions/", "/questions//age", "/static/../app.py"]),
    ),
)
query_strings = st.one_of(
    st.just(""),
    st.just(""),
    st.just("change=1"),
    st.builds(lambda key, value: f"{quote(key)}={quote(value)}", any_text, any_text),
)
field_names = mostly(st.sampled_from(FIELD_NAMES), st.text(max_size=10))
field_values = mostly(st.sampled_from(ANSWER_IDS), any_text)
# Missing, duplicated, extra and oversized fields all come from a free list of pairs.
form_fields = st.lists(st.tuples(field_names, field_values), max_size=6)
csrf_choices = mostly(
    st.just("valid"), st.sampled_from(["missing", "expired", "another session's", "junk"])
)
cookie_choices = mostly(
    st.just("valid"),
    st.sampled_from(["none", "truncated", "tampered", "expired", "signed elsewhere", "junk"]),
)
raw_bodies = st.tuples(
    st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "multipart/form-data; boundary=xyz",
            "application/json",
            "text/plain",
        ]
    ),
    st.binary(max_size=200),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.sampled_from(ANSWER_IDS) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(QUESTION_IDS) | st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
# One-off messages as Flask keeps them, (category, message) pairs, and things that are not.
flashed_messages = st.one_of(
    st.lists(st.tuples(st.just("message"), st.text(max_size=20)), max_size=2),
    st.lists(json_values, max_size=3),
    json_values,
)
older_session_contents = st.fixed_dictionaries(
    {},
    optional={
        AUDIENCE_KEY: st.one_of(st.sampled_from(ANSWER_IDS), json_values),
        ANSWERS_KEY: st.one_of(
            st.dictionaries(st.sampled_from(QUESTION_IDS), json_values, max_size=3), json_values
        ),
        EXIT_HELP_SEEN_KEY: json_values,
        FLASHES_KEY: flashed_messages,
        CSRF_SECRET_KEY: st.one_of(st.text(max_size=40), json_values),
        # Languages whose "Leave this site" assert_safe_response knows, and one not offered.
        LANGUAGE_KEY: st.one_of(st.sampled_from(["en", "ro", "xx"]), json_values),
        # Whole seconds on a kiosk; a string, a fraction, a flag or a list from elsewhere.
        LAST_USED_KEY: st.one_of(st.integers(), st.floats(allow_nan=False), json_values),
        # A key this version never writes.
        "left_by_an_older_version": json_values,
    },
)
headers = st.dictionaries(
    st.sampled_from(
        [
            "Accept-Language",
            "Host",
            "X-Forwarded-For",
            "X-Forwarded-Proto",
            "X-Forwarded-Host",
            "X-Forwarded-Port",
            "X-Forwarded-Prefix",
            "Referer",
            "User-Agent",
            "Accept",
        ]
    ),
    st.one_of(
        header_text,
        st.sampled_from(["ro, en;q=0.5", "*", "xx-YY;q=abc", "https", "evil.example", "::1"]),
    ),
    max_size=5,
)


def cookie_for(choice: str, data) -> str | None:
    state = prepared()
    valid = state.cookie
    if choice == "valid":
        return valid
    if choice == "truncated":
        return valid[: data.draw(st.integers(0, len(valid) - 1), label="cut at")]
    if choice == "tampered":
        at = data.draw(st.integers(0, len(valid) - 1), label="tampered at")
        return valid[:at] + ("A" if valid[at] != "A" else "B") + valid[at + 1 :]
    if choice == "expired":
        return state.expired_cookie()
    if choice == "signed elsewhere":
        return URLSafeTimedSerializer(
            "another-secret-" + "y" * 40,
            salt=state.app.session_interface.salt,
            serializer=state.app.session_interface.serializer,
        ).dumps(state.load(valid))
    if choice == "junk":
        return data.draw(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E)), "junk")
    return None


def csrf_for(choice: str, data) -> str | None:
    state = prepared()
    return {
        "valid": state.csrf_token,
        "expired": state.expired_csrf_token,
        "another session's": state.other_csrf_token,
        "junk": data.draw(any_text, label="junk token"),
    }.get(choice)


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    method=mostly(
        st.sampled_from(["GET", "POST"]),
        st.one_of(st.sampled_from(METHODS), st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1)),
    ),
    path=paths,
    query=query_strings,
    fields=form_fields,
    raw_body=mostly(st.none(), raw_bodies),
    csrf=csrf_choices,
    cookie=cookie_choices,
    extra_headers=headers,
    data=st.data(),
)
def test_no_request_crashes_hides_the_way_out_reflects_input_or_loses_answers(
    method, path, query, fields, raw_body, csrf, cookie, extra_headers, data
):
    state = prepared()
    client = state.app.test_client(use_cookies=False)
    sent_cookie = cookie_for(cookie, data)
    request_headers = dict(extra_headers)
    if sent_cookie is not None:
        request_headers["Cookie"] = f"{state.cookie_name}={sent_cookie}"
    token = csrf_for(csrf, data)
    form = MultiDict(fields)
    if token is not None:
        form.add("csrf_token", token)
    body = (
        {"data": form} if raw_body is None else {"data": raw_body[1], "content_type": raw_body[0]}
    )

    with client.open(
        path, method=method, query_string=query, headers=request_headers, **body
    ) as response:
        assert_safe_response(method, response)
        new_cookies = [
            value.split(";", 1)[0].split("=", 1)[1]
            for value in response.headers.getlist("Set-Cookie")
            if value.startswith(f"{state.cookie_name}=")
        ]

    rejected = response.status_code >= 400 or (method == "POST" and response.status_code == 200)
    if cookie == "valid" and rejected:
        # What the browser holds now: the cookie it sent, unless the response replaced it.
        assert_earlier_answers_kept(client, state, new_cookies[-1] if new_cookies else sent_cookie)


def assert_safe_response(method: str, response) -> None:
    status = response.status_code
    assert status < 500, f"{status} for {method} {response.request.path}"
    assert_stays_on_this_site(response)
    if response.mimetype == "text/html" and response.get_data() and not 300 <= status < 400:
        # Every page with something to show (HEAD and OPTIONS answers have no body).
        page_text = response.get_data(as_text=True)
        page = BeautifulSoup(page_text, "html.parser")
        exit_link = page.select_one("a.exit-link")
        assert exit_link is not None, f"no way out on the {status} page"
        assert exit_link["href"] == "/exit"
        # In whichever language the page is in.
        assert text_of(exit_link) in {"Leave this site", "Părăsiți site-ul"}
        assert not page.select("[data-fuzz]"), "request content was reflected unescaped"
        assert MARKER not in page_text


def assert_stays_on_this_site(response) -> None:
    html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
    assert_addresses_stay_on_site(
        response.request.url, response.headers.get("Location"), html, allowed_hosts()
    )


@functools.cache
def allowed_hosts() -> frozenset[str]:
    """The way out, and the contacts' websites the guidance links to."""
    return hosts_linked_to(prepared().app.extensions["checklist"], EXIT_URL)


def assert_earlier_answers_kept(client, state: Prepared, cookie: str) -> None:
    """Open the first question with the cookie the browser now holds: the answer is there."""
    assert state.load(cookie).get(ANSWERS_KEY) == EARLIER_ANSWERS
    headers = {"Cookie": f"{state.cookie_name}={cookie}"}
    page = parse(client.get("/questions/appearance", headers=headers))
    assert page.select_one("input[checked]")["value"] == EARLIER_ANSWERS["appearance"]


@settings(max_examples=150, deadline=None)
@given(
    kiosk=st.booleans(),
    method=st.sampled_from(["GET", "POST"]),
    path=st.sampled_from(ROUTES),
    contents=older_session_contents,
    answer_id=st.sampled_from(ANSWER_IDS),
)
def test_a_signed_cookie_holding_anything_starts_afresh_rather_than_crash(
    kiosk, method, path, contents, answer_id
):
    """A genuine cookie can hold what an older checklist or app version put there."""
    state = prepared()
    cookie = state.sessions.dumps({**state.load(state.cookie), **contents})
    app = kiosk_app() if kiosk else state.app
    client = app.test_client(use_cookies=False)
    with client.open(
        path,
        method=method,
        data={"answer": answer_id, "audience": answer_id, "csrf_token": state.csrf_token},
        headers={"Cookie": f"{state.cookie_name}={cookie}"},
    ) as response:
        assert_safe_response(method, response)


# Hostile addresses (issue 13): what a decoded path can hold, whatever its encoding on the
# wire ("%2f" and "/" reach the app as the same "/", "%5c" and "\" as "\").
PATH_ATOMS = [
    b"/",
    b"//",
    b"\\",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\x0b",
    b"\x0c",
    b"\x1b",
    b"\x7f",
    b" ",
    b"evil.example",
    b"@",
    b":",
    b".",
    b"..",
    b"%",
    b"%2f",  # encoded twice on the wire
    b"%0a",
    b"?",
    b"#",
    b"<",
    b'"',
    b"\xff",  # not UTF-8
    b"\xc3",  # the start of a character, cut off
    b"\xc0\xaf",  # an overlong "/"
    b"\x85",
    "\u2028".encode(),  # line separator
    "\u0085".encode(),  # next line
    "\uff0f".encode(),  # fullwidth solidus
    "\uff3c".encode(),  # fullwidth reverse solidus
    "é".encode(),
    "😀".encode(),
]
path_bytes_parts = st.lists(
    st.one_of(st.sampled_from(PATH_ATOMS), st.binary(max_size=6)), max_size=8
).map(b"".join)
hostile_path_bytes = st.one_of(
    # A page of the check with something after it, or in place of its id.
    st.builds(lambda route, rest: route.encode() + rest, st.sampled_from(ROUTES), path_bytes_parts),
    st.builds(lambda rest: b"/questions/" + rest, path_bytes_parts),
    # Something that is no page at all, starting with one slash or several.
    st.builds(lambda rest: b"/" + rest, path_bytes_parts),
    # Very long.
    st.builds(
        lambda route, atom, times: route.encode() + atom * times,
        st.sampled_from(ROUTES),
        st.sampled_from(PATH_ATOMS),
        st.integers(min_value=500, max_value=3_000),
    ),
)
# What can follow "?" on the wire: any printable ASCII, "%" sequences well formed or not.
QUERY_ATOMS = [
    "lang=en",
    "lang=ro",
    "lang=xx",
    "lang=",
    "lang",
    "change=1",
    "_external=1",
    "_scheme=https",
    "_anchor=x",
    "question_id=evil",
    "lang=%0a",
    "%0a=1",
    "a=%0d%0aSet-Cookie:%20x=1",
    "a=%09",
    "a=%5c%5cevil.example",
    "a=%2f%2fevil.example",
    "next=//evil.example",
    "a=\\evil.example",
    "a=%ff",
    "a=%c3",
    "%",
    "%zz",
    "=",
    "&",
    ";",
    "a=b=c",
]
query_parts = st.one_of(
    st.sampled_from(QUERY_ATOMS),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=12),
    st.builds(lambda key, value: f"{quote(key)}={quote(value)}", any_text, any_text),
)
hostile_queries = st.one_of(
    st.lists(query_parts, max_size=5).map("&".join),
    st.integers(min_value=1_000, max_value=6_000).map(lambda n: "lang=ro&a=" + "%0a" * n),
)


@functools.cache
def kiosk_app():
    return create_app(
        {"TESTING": True, "SECRET_KEY": TEST_SECRET, "EXIT_URL": EXIT_URL, "KIOSK_MODE": True}
    )


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    kiosk=st.booleans(),
    method=st.sampled_from(["GET", "GET", "POST", "HEAD"]),
    path=hostile_path_bytes,
    query=hostile_queries,
    answer_id=st.sampled_from(ANSWER_IDS),
    with_cookie=st.booleans(),
)
def test_a_hostile_address_never_crashes_or_leads_off_the_site(
    kiosk, method, path, query, answer_id, with_cookie
):
    """Every route, GET and POST, with every kind of character in its path and query: never
    a 5xx, and no Location, link, form or script address that a browser would resolve to
    another site."""
    state = prepared()
    app = kiosk_app() if kiosk else state.app
    headers = {"Cookie": f"{state.cookie_name}={state.cookie}"} if with_cookie else {}
    form = {"answer": answer_id, "audience": answer_id, "csrf_token": state.csrf_token}
    # As a server hands them to the app: the path percent-decoded to bytes (read as
    # Latin-1, per WSGI), the query exactly as it came.
    target = quote(path, safe="/") + (f"?{query}" if query else "")
    environ = {
        "PATH_INFO": path.decode("latin-1"),
        "QUERY_STRING": query,
        "REQUEST_URI": target,
        "RAW_URI": target,
    }
    client = app.test_client(use_cookies=False)
    with client.open(
        "/", method=method, headers=headers, data=form, environ_overrides=environ
    ) as response:
        assert_safe_response(method, response)
