"""What a page needs for its first paint fits in the first TCP round trip.

A first visit with an empty cache: the HTML plus every stylesheet, icon and image it loads,
and any script that would block rendering, as sent to a browser that accepts gzip, at most
10 x 1,460 bytes (one initial congestion window), in every language the checklist offers.
Pages are sent uncompressed (they carry a CSRF token; see app/web/assets.py); the stylesheet and
script are gzipped. The kiosk guidance page, with its QR codes, may use 24,000.

Deferred scripts (the Escape key's quick exit, Listen, one history entry) are printed beside
the budget, not counted in it: the page, its "Leave this site" link and its forms work before
they arrive. With five languages the heaviest guidance pages no longer fit with their
scripts: Arabic and Vietnamese take 2 or 3 bytes a letter, and the words cannot be cut.
"""

import gzip

from bs4 import BeautifulSoup

from tests.support.pages import SIGN_IDS, begin, complete_check, submit

FIRST_ROUND_TRIP = 14_600
KIOSK_GUIDANCE = 24_000
ALL_YES = dict.fromkeys(SIGN_IDS, "yes")


def weight(client, response) -> tuple[dict[str, int], dict[str, int]]:
    """Bytes sent by resource, split into what the first paint waits for and what the
    browser fetches without waiting (deferred and async scripts)."""
    html = response.get_data()
    page = BeautifulSoup(html, "html.parser")
    first_paint, later = {"HTML": len(html)}, {}
    for tag in page.select("link[href], script[src], img[src], source[src]"):
        address = tag.get("href") or tag.get("src")
        if tag.name == "link" and tag.get("rel") not in (["stylesheet"], ["icon"]):
            continue
        assert address.startswith(("/", "data:")), address
        if address.startswith("data:"):
            continue  # counted in the HTML
        with client.get(address, headers={"Accept-Encoding": "gzip, deflate"}) as fetched:
            assert fetched.status_code == 200, address
            waits = not ((tag.name == "script" and tag.has_attr("defer")) or tag.has_attr("async"))
            (first_paint if waits else later)[address] = len(fetched.get_data())
    return first_paint, later


def uncompressed(client, response) -> int:
    """The same page and files, as a browser holds them once unpacked."""
    page = BeautifulSoup(response.get_data(), "html.parser")
    total = len(response.get_data())
    for tag in page.select("link[rel=stylesheet][href], script[src]"):
        with client.get(tag.get("href") or tag.get("src")) as fetched:
            total += len(fetched.get_data())
    return total


def every_page(client, language: str):
    """(name, response) for every kind of page, at its heaviest."""
    yield "start", client.get("/")
    # With the links search engines are given (FLASK_PUBLIC_URL set) when they may list it.
    yield "start at its language's address", client.get(f"/{language}/")
    yield "start with an error", submit(client, "/", button={"audience": "nobody"})
    yield "staying safe online", client.get("/staying-safe-online")
    yield "accessibility statement", client.get("/accessibility")
    yield "privacy notice", client.get("/privacy")
    yield "cookies", client.get("/cookies")
    yield "not found", client.get("/no-such-page")
    begin(client)
    yield "before you start", client.get("/before-you-start")
    yield "question", client.get("/questions/appearance")
    yield "question with an error", submit(client, "/questions/appearance", {})
    for audience in ["someone_else", "myself"]:
        for age in ["under_18", "unknown", "adult"]:
            complete_check(client, ALL_YES, audience=audience, age=age)
            yield f"guidance ({audience}, all yes, {age})", client.get("/what-to-do-next")
    complete_check(client, {}, audience="someone_else")
    yield "guidance (no signs)", client.get("/what-to-do-next")
    yield "question answered", client.get("/questions/control")
    yield "check your answers", client.get("/check-your-answers")
    yield "form expired", client.post("/questions/age", data={"answer": "adult"})


EXPECTED_STATUS = {"start with an error": 200, "not found": 404, "form expired": 400}


def over_budget(client, budget_for, pages=lambda name: True) -> list[str]:
    faults = []
    # Every language the checklist offers: Arabic and Vietnamese take 2 or 3 bytes a letter.
    for language in client.application.extensions["checklist"].languages:
        client.get(f"/?lang={language}")
        for name, response in every_page(client, language):
            assert response.status_code == EXPECTED_STATUS.get(name, 200), name
            if not pages(name):
                continue
            sizes, deferred = weight(client, response)
            total, budget = sum(sizes.values()), budget_for(name)
            print(
                f"{language} {name}: {total:,} bytes for the first paint, "
                f"{total + sum(deferred.values()):,} with deferred scripts "
                f"({uncompressed(client, response):,} unpacked) {sizes} {deferred}"
            )
            if total > budget:
                faults.append(f"{language} {name}: {total:,} > {budget:,} bytes: {sizes}")
    return faults


def test_every_public_page_fits_in_the_first_round_trip(make_app):
    # The public address set: the start pages then carry their canonical and hreflang links.
    client = make_app(PUBLIC_URL="https://check.example.org/").test_client()
    assert over_budget(client, lambda name: FIRST_ROUND_TRIP) == []


def test_every_kiosk_guidance_page_fits_in_its_budget(make_app):
    client = make_app(KIOSK_MODE=True).test_client()
    faults = over_budget(
        client, lambda name: KIOSK_GUIDANCE, pages=lambda name: name.startswith("guidance")
    )
    assert faults == []


def test_every_other_kiosk_page_fits_in_the_first_round_trip(make_app):
    client = make_app(KIOSK_MODE=True).test_client()
    faults = over_budget(
        client, lambda name: FIRST_ROUND_TRIP, pages=lambda name: not name.startswith("guidance")
    )
    assert faults == []


def test_static_files_are_cached_for_good_under_a_content_hashed_name(client):
    page = BeautifulSoup(client.get("/").get_data(), "html.parser")
    for address in [
        page.select_one("link[rel=stylesheet]")["href"],
        page.select_one("script")["src"],
    ]:
        name = address.rsplit("/", 1)[-1]
        _stem, digest, suffix = name.split(".")
        assert len(digest) == 10 and suffix in {"css", "js"}
        with client.get(address) as response:
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        with client.get(address.replace(digest, "0" * 10)) as response:
            assert response.status_code == 404


def test_stylesheets_and_scripts_are_sent_gzipped_to_browsers_that_accept_it(client):
    page = BeautifulSoup(client.get("/").get_data(), "html.parser")
    for address in [
        page.select_one("link[rel=stylesheet]")["href"],
        page.select_one("script")["src"],
    ]:
        with client.get(address) as plain:
            assert "Content-Encoding" not in plain.headers
            assert "Accept-Encoding" in plain.headers["Vary"]
            body = plain.get_data()
        with client.get(address, headers={"Accept-Encoding": "gzip"}) as packed:
            assert packed.headers["Content-Encoding"] == "gzip"
            assert "Accept-Encoding" in packed.headers["Vary"]
            assert gzip.decompress(packed.get_data()) == body
            assert len(packed.get_data()) < len(body) / 2
        with client.get(address, headers={"Accept-Encoding": "gzip;q=0, identity"}) as refused:
            assert "Content-Encoding" not in refused.headers


def test_pages_themselves_are_not_compressed(client):
    """A compressed page holding a secret (the CSRF token) beside text an attacker can
    choose can leak it (BREACH); the pages are small enough without."""
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in response.headers


def test_a_page_blocks_rendering_on_one_stylesheet_only(client):
    page = BeautifulSoup(client.get("/").get_data(), "html.parser")
    assert len(page.select("link[rel=stylesheet]")) == 1
    assert all(script.has_attr("defer") for script in page.select("script"))
