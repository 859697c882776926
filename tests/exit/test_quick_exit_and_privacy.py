"""Quick exit and privacy, as far as the server can show them (the keys are browser tests)."""

import pytest

from tests.support.pages import (
    answer,
    asset_addresses,
    begin,
    complete_check,
    loaded_files,
    parse,
    text_of,
)

ROUTES = [
    "/",
    "/before-you-start",
    "/staying-safe-online",
    "/questions/appearance",
    "/check-your-answers",
    "/what-to-do-next",
    "/exit",
    "/healthz",
    "/readyz",
    "/no-such-page",
    "stylesheet",
    "script",
]


@pytest.mark.parametrize("route", ROUTES)
def test_every_response_carries_the_privacy_headers(client, route):
    stylesheet, script = asset_addresses(client)
    route = {"stylesheet": stylesheet, "script": script}.get(route, route)
    begin(client)
    with client.get(route) as response:
        headers = response.headers
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in headers["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'none'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    if route == "/":
        # A start page: search engines may list it (tests/pages/test_search_engines.py).
        assert "X-Robots-Tag" not in headers
    else:
        assert headers["X-Robots-Tag"].startswith("noindex")
    assert "Strict-Transport-Security" not in headers, "only over HTTPS"
    if route in (stylesheet, script):
        # The same for everyone: a shared cache keeps one copy, or one gzipped and one not
        # (see the test below).
        assert headers["Vary"] == "Accept-Encoding"
    elif route in ("/healthz", "/readyz"):
        # About the instance, never the person, and never stored (app/web/health.py).
        assert "Vary" not in headers
        assert headers["Cache-Control"] == "no-store"
    else:
        # Pages are in the browser's language unless the person chose one.
        assert "accept-language" in headers["Vary"].lower()


@pytest.mark.parametrize("cookie", ["valid", "tampered"])
def test_static_files_are_the_same_for_everyone_and_leave_the_session_alone(client, cookie):
    """Kept by shared caches for a year, so nothing in them may depend on the visitor, and
    fetching one must not change the visitor's session (no Set-Cookie)."""
    stylesheet, script = asset_addresses(client)
    begin(client)
    answer(client, "appearance", "yes")
    if cookie == "tampered":
        held = client.get_cookie("session").value
        client.set_cookie("session", held[:-4] + "AAAA")
    held = client.get_cookie("session").value
    for address in [stylesheet, script, f"{stylesheet}?lang=ro", f"{script}?change=1"]:
        for method in ["GET", "HEAD"]:
            with client.open(address, method=method) as response:
                assert response.status_code == 200, (method, address)
                assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
                assert "Set-Cookie" not in response.headers, (method, address)
                assert response.headers["Vary"] == "Accept-Encoding", (method, address)
                assert response.content_length == len(client.get(address).get_data())
    assert client.get_cookie("session").value == held
    if cookie == "valid":
        # "?lang=ro" on a stylesheet chose nothing: the pages are still in English.
        page = parse(client.get("/questions/appearance"))
        assert page.select_one("html")["lang"] == "en"
        assert page.select_one("input[checked]")["value"] == "yes"


def test_https_adds_hsts_and_secure_cookies(make_app):
    response = make_app().test_client().get("/", base_url="https://check.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "; Secure" in response.headers["Set-Cookie"]
    plain = make_app().test_client().get("/")
    assert "Secure" not in plain.headers["Set-Cookie"]


def test_a_trusted_proxy_saying_https_counts_as_https(make_app):
    headers = {"X-Forwarded-Proto": "https"}
    trusting = make_app(TRUSTED_PROXY_COUNT=1).test_client()
    assert "Strict-Transport-Security" in trusting.get("/", headers=headers).headers
    untrusting = make_app().test_client()
    assert "Strict-Transport-Security" not in untrusting.get("/", headers=headers).headers


def test_leaving_asks_the_browser_to_forget_this_site(client):
    complete_check(client, {"control": "yes"})
    response = client.get("/exit")
    assert response.status_code == 303
    assert response.headers["Clear-Site-Data"] == '"cookies", "storage"'
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "session=;" in response.headers["Set-Cookie"]


def test_after_leaving_every_earlier_page_starts_afresh(client):
    complete_check(client, {"control": "yes"}, age="under_18")
    visited = ["/questions/control", "/questions/age", "/check-your-answers", "/what-to-do-next"]
    client.get("/exit")
    for url in visited:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"] == "/", url
    begin(client)
    page = parse(client.get("/questions/appearance"))
    assert page.select_one("input[checked]") is None


def test_the_exit_control_is_a_real_link_with_a_hint_for_the_keys(client):
    page = parse(client.get("/"))
    bar = page.body.find()
    link = bar.select_one("a")
    assert link["href"] == "/exit"
    assert link.has_attr("data-exit-link")
    assert link["data-shift-2-text"] == "Shift, press 2 more times to leave"
    assert link["data-shift-1-text"] == "Shift, press 1 more time to leave"
    hint = bar.select_one("[data-exit-hint]")
    assert text_of(hint) == "or press Esc"
    assert hint.has_attr("hidden"), "the keys need JavaScript, which reveals the hint"
    assert bar.select_one("[role=status]") is not None
    script = page.select_one("script[src]")
    assert script.has_attr("defer")
    assert "data-exit-link" in loaded_files(client, client.get("/"))["js"]


def test_the_exit_control_is_hidden_when_printing(client):
    css = loaded_files(client, client.get("/"))["css"]
    print_rules = css.split("@media print{", 1)[1].split("}", 1)[0]
    assert ".exit-bar" in print_rules
    assert "display:none" in print_rules


def test_the_page_before_the_questions_explains_the_quick_exit(client):
    response = begin(client)
    assert response.headers["Location"] == "/before-you-start"
    body = text_of(parse(client.get("/before-you-start")).select_one("main"))
    assert '"Leave this site"' in body
    assert "Esc key once" in body
    assert "Shift key 3 times" in body
    assert "clears your answers" in body
    assert "does not remove this site from your browser history" in body
    assert "To come back" in body


def test_the_explanation_is_shown_once_a_visit(client):
    begin(client)
    client.get("/before-you-start")
    answer(client, "appearance", "yes")
    assert begin(client, "myself").headers["Location"] == "/questions/appearance"
    # Starting again clears the answers, not the fact the explanation was read.
    page = parse(complete_check(client, {}))
    form = page.select_one("form.start-again")
    client.post(form["action"], data={"csrf_token": form.select_one("input")["value"]})
    assert begin(client).headers["Location"] == "/questions/appearance"
    # Leaving ends the visit: the next one explains again.
    client.get("/exit")
    assert begin(client).headers["Location"] == "/before-you-start"


def test_staying_safe_online_is_honest_about_what_it_cannot_hide(client):
    body = text_of(parse(client.get("/staying-safe-online")).select_one("main"))
    for advice in [
        "private window",
        "delete just the pages from this site",
        "Clearing all of your history can itself make someone suspicious",
        "shared or public computer",
        "This is not a complete solution",
        "call or message history",
        "call 999",
    ]:
        assert advice in body


def test_answers_never_appear_in_urls(client):
    begin(client)
    response = answer(client, "appearance", "not_sure")
    assert "not_sure" not in response.headers["Location"]
    page = parse(complete_check(client, {"work": "yes"}))
    for link in page.select("a[href]"):
        assert "yes" not in link["href"].split("?")[-1]
