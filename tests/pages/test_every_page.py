"""What must hold on every page the service can show."""

from collections import Counter

import pytest

from app.checklist import load_checklist
from tests.support.pages import onward, page_of_every_kind, parse
from tests.support.project import REAL_CHECKLIST
from tests.support.titles import follows_the_title_rule, title_of

CHECKLIST = load_checklist(REAL_CHECKLIST)


@pytest.fixture
def pages(client):
    return list(page_of_every_kind(client))


def test_the_way_out_is_the_first_thing_in_every_page(pages):
    for name, response in pages:
        page = parse(response)
        first_link = page.body.find(["a", "button", "input", "select", "textarea"])
        assert first_link.name == "a", name
        assert first_link["href"] == "/exit", name
        assert first_link.get_text(strip=True) == "Leave this site", name
        skip = first_link.find_next("a")
        assert skip["href"] == "#main-content", name
        assert page.select_one("main#main-content") is not None, name


def test_every_page_is_well_formed(pages):
    for name, response in pages:
        assert response.mimetype == "text/html", name
        page = parse(response)
        assert page.html["lang"] == "en", name
        assert follows_the_title_rule(title_of(page), CHECKLIST, "en"), name
        assert len(page.select("h1")) == 1, name
        ids = Counter(tag["id"] for tag in page.select("[id]"))
        assert [i for i, n in ids.items() if n > 1] == [], name
        for form in page.select("form"):
            assert form.get("action"), name
            if form.get("method") == "post":
                assert form.select_one("input[name=csrf_token]")["value"], name
        for link in page.select("a[href]"):
            href = link["href"]
            assert href.startswith(("/", "#", "tel:", "mailto:", "https://")), (name, href)


def test_pages_are_not_stored_or_referred(pages):
    for name, response in pages:
        assert response.headers["Cache-Control"] == "no-store", name
        assert response.headers["Referrer-Policy"] == "same-origin", name
        assert response.headers["X-Content-Type-Options"] == "nosniff", name


def test_every_page_links_to_staying_safe_online(pages):
    for name, response in pages:
        footer = parse(response).select_one("footer")
        assert footer.select_one("a[href='/staying-safe-online']") is not None, name


def test_no_page_has_inline_script_or_style(pages):
    # The Content-Security-Policy forbids them; this finds them before a browser does.
    for name, response in pages:
        page = parse(response)
        assert page.select("style, [style]") == [], name
        assert [s for s in page.select("script") if not s.get("src")] == [], name
        assert page.select("[onclick], [onload], [onkeydown]") == [], name


def test_error_pages_say_what_happened(pages):
    statuses = {name: response.status_code for name, response in pages}
    assert statuses["not found"] == 404
    assert statuses["method not allowed"] == 405
    assert statuses["form expired"] == 400
    found = dict(pages)
    assert "GET" in found["method not allowed"].headers["Allow"]
    expired = parse(found["form expired"])
    assert onward(expired) == "/questions/age"


def test_every_page_loads_only_its_own_files(pages):
    for name, response in pages:
        page = parse(response)
        for tag in page.select("link[href]:not([rel=icon]), script[src], img[src]"):
            address = tag.get("href") or tag.get("src")
            assert address.startswith("/static/"), (name, address)
        # An icon is declared, empty and inline, so browsers do not ask for /favicon.ico.
        assert [icon["href"] for icon in page.select("link[rel=icon]")] == ["data:,"], name
