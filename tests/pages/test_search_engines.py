"""What search engines can see, and what they cannot.

The start pages (/ and each language's own address) and the statements may be listed;
every other response, every page of the journey in every language and everything on a
kiosk, says `X-Robots-Tag: noindex, nofollow`, and so does everything when FLASK_SEARCH_INDEXING
is off. The start pages name their canonical address and each language's version
(hreflang), absolute under FLASK_PUBLIC_URL and never from the request's Host; robots.txt
and sitemap.xml are made from the same pages. Lighthouse's SEO audit checks the same things
in a browser (docs/operators.md, "Found by search engines").
"""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from babel import Locale
from protego import Protego

from app.checklist import load_checklist
from app.web.public_address import start_page_address
from tests.support.pages import parse, text_of
from tests.support.project import PROJECT_ROOT, REAL_CHECKLIST
from tests.support.walker import ClientVisitor, answers_by, walk

UK = load_checklist(REAL_CHECKLIST)
ROMANIA = PROJECT_ROOT / "checklists" / "romania.yaml"
PUBLIC_URL = "https://check.example.org/"
NOINDEX = "noindex, nofollow"
STATEMENTS = ["/accessibility", "/privacy", "/cookies"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def start_pages(checklist=UK) -> list[str]:
    return ["/", *(f"/{code}/" for code in checklist.languages)]


LISTED = [*start_pages(), *STATEMENTS]
# Pages and addresses no crawler is let near: the journey, leaving, the language switch.
NEVER_CRAWLED = [
    "/before-you-start",
    f"/questions/{UK.questions[0].id}",
    f"/questions/{UK.questions[0].id}?change=1",
    "/check-your-answers",
    "/what-to-do-next",
    "/staying-safe-online",
    "/exit",
    "/start-again",
    "/?lang=ro",
    "/ro/?lang=en",
    "/privacy?lang=ro",
    "/welcome",
    "/kiosk/reset",
    "/healthz",
    "/no-such-page",
]


@pytest.fixture
def public(make_app):
    """The public site as an operator runs it: indexing on (the default), its address set."""
    return make_app(PUBLIC_URL=PUBLIC_URL)


def head_links(response) -> tuple[list[str], dict[str, str]]:
    """(every canonical address, {hreflang: address}) in a page's <head>; no hreflang twice."""
    head = parse(response).head
    canonical = [link["href"] for link in head.select("link[rel=canonical]")]
    alternates = [(link["hreflang"], link["href"]) for link in head.select("link[rel=alternate]")]
    assert len(dict(alternates)) == len(alternates), alternates
    return canonical, dict(alternates)


def every_response(client, language: str, *, start: str) -> list[tuple[str, str, object]]:
    """(method, path, response) for everything a visit in `language` meets: the walk from
    `start` to the guidance (with an error on the way, every redirect and post included),
    then every other page, address and file the service answers."""
    visitor = ClientVisitor(client)
    first = UK.questions[0].id
    answers = answers_by(UK, lambda question, options: options[0])
    for _ in walk(visitor, UK, UK.audience_ids[0], answers, errors=[first], start=start):
        pass
    seen = [(answer.method, answer.path, answer.raw) for answer in visitor.answers]
    stylesheet = parse(client.get("/")).select_one("link[rel=stylesheet]")["href"]
    for path in [*LISTED, *NEVER_CRAWLED, "/robots.txt", "/sitemap.xml", stylesheet, "/xx/"]:
        seen.append(("GET", path, client.get(path)))
        seen.append(("HEAD", path, client.head(path)))
    seen.append(("DELETE", "/", client.delete("/")))
    seen.append(("POST", f"/questions/{first}", client.post(f"/questions/{first}", data={})))
    seen.append(("POST", f"/{language}/", client.post(f"/{language}/", data={})))
    return seen


@pytest.mark.parametrize("language", UK.languages)
def test_only_the_start_pages_and_statements_may_be_listed_in_every_language(public, language):
    client = public.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    listed = set()
    for method, path, response in every_response(client, language, start=f"/{language}/"):
        may_be_listed = method in ("GET", "HEAD") and path in LISTED and response.status_code == 200
        if may_be_listed:
            listed.add(path)
            assert "X-Robots-Tag" not in response.headers, (method, path)
        else:
            assert response.headers.get("X-Robots-Tag") == NOINDEX, (method, path)
        if response.mimetype == "text/html" and method != "HEAD" and not response.location:
            # One way of saying it, the header: no page says otherwise in its markup.
            assert parse(response).select("meta[name=robots]") == [], (method, path)
    assert listed == set(LISTED)


@pytest.mark.parametrize(
    "settings",
    [
        {"KIOSK_MODE": True, "EXIT_URL": None},
        {"SEARCH_INDEXING": False},
        {"SEARCH_INDEXING": 0},
    ],
    ids=["kiosk", "indexing-off", "indexing-off-from-the-environment"],
)
def test_a_kiosk_or_indexing_turned_off_lets_search_engines_list_nothing(make_app, settings):
    # Even with the public address set, and on a kiosk even with indexing asked for.
    app = make_app(**{"PUBLIC_URL": PUBLIC_URL, "SEARCH_INDEXING": True, **settings})
    client = app.test_client()
    for method, path, response in every_response(client, "ro", start="/ro/"):
        assert response.headers.get("X-Robots-Tag") == NOINDEX, (method, path)
        if response.mimetype == "text/html" and method != "HEAD" and not response.location:
            assert head_links(response) == ([], {}), (method, path)
    assert client.get("/sitemap.xml").status_code == 404
    robots = client.get("/robots.txt").get_data(as_text=True)
    assert list(Protego.parse(robots).sitemaps) == []
    # The start pages may still be fetched, so that a search engine holding an old listing
    # reads noindex and drops it.
    assert Protego.parse(robots).can_fetch(PUBLIC_URL + "ro/", "Googlebot")


@pytest.mark.parametrize("path", start_pages())
def test_each_start_page_names_itself_and_every_language_version_absolutely(public, path):
    client = public.test_client()
    canonical, alternates = head_links(client.get(path))
    assert canonical == [PUBLIC_URL + path.lstrip("/")]
    expected = {code: start_page_address(PUBLIC_URL, code) for code in UK.languages}
    expected["x-default"] = PUBLIC_URL
    assert alternates == expected
    for hreflang in alternates:
        if hreflang != "x-default":
            Locale.parse(hreflang.replace("-", "_"))  # a real language code
    # Reciprocal: every version it names names it back, and names itself canonical.
    for address in alternates.values():
        assert address.startswith(PUBLIC_URL)
        version = client.get(urlsplit(address).path)
        assert version.status_code == 200
        assert head_links(version) == ([address], expected), address


def test_the_poster_address_and_the_canonical_address_of_a_start_page_agree(public):
    """The QR code on a printed piece (app/printed/) and search engines are given the same
    address for a language's start page, and it is one the site answers."""
    for code in UK.languages:
        address = start_page_address(PUBLIC_URL, code)
        response = public.test_client().get(urlsplit(address).path)
        assert response.status_code == 200
        assert head_links(response)[0] == [address]


@pytest.mark.parametrize("path", STATEMENTS)
def test_a_statement_names_its_canonical_address_and_no_language_versions(public, path):
    response = public.test_client().get(path)
    assert head_links(response) == ([PUBLIC_URL + path.lstrip("/")], {})


def test_pages_that_may_not_be_listed_name_no_addresses_for_search_engines(public):
    client = public.test_client()
    visitor = ClientVisitor(client)
    answers = answers_by(UK, lambda question, options: options[0])
    for _ in walk(visitor, UK, UK.audience_ids[0], answers):
        pass
    pages = [answer.raw for answer in visitor.answers if answer.location is None]
    pages += [client.get(path) for path in ["/staying-safe-online", "/no-such-page"]]
    for response in pages[1:]:  # after the start page
        assert head_links(response) == ([], {}), response.request.path
        assert parse(response).select("meta[name=description]") == []


def test_without_the_public_address_no_absolute_link_is_made_from_the_host(client):
    """Host is whatever the sender writes: an address built from it could send search
    engines (and anyone shown the page) elsewhere."""
    host = {"Host": "elsewhere.example"}
    for path in [*LISTED, "/robots.txt"]:
        response = client.get(path, headers=host)
        assert response.status_code == 200, path
        assert "elsewhere.example" not in response.get_data(as_text=True), path
        if response.mimetype == "text/html":
            assert head_links(response) == ([], {}), path
    assert client.get("/sitemap.xml", headers=host).status_code == 404


def test_the_public_address_is_never_replaced_by_the_host(public):
    response = public.test_client().get("/ro/", headers={"Host": "elsewhere.example"})
    canonical, alternates = head_links(response)
    assert canonical == [PUBLIC_URL + "ro/"]
    assert all(address.startswith(PUBLIC_URL) for address in alternates.values())
    assert "elsewhere.example" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("checklist_path", "checklist"), [(REAL_CHECKLIST, UK), (ROMANIA, load_checklist(ROMANIA))]
)
def test_each_start_page_describes_the_check_in_its_language(make_app, checklist_path, checklist):
    client = make_app(CHECKLIST_PATH=str(checklist_path)).test_client()
    for code in checklist.languages:
        for response in [
            client.get(f"/{code}/"),
            client.get("/", headers={"Accept-Language": code}),
        ]:
            descriptions = parse(response).head.select("meta[name=description]")
            assert len(descriptions) == 1
            expected = " ".join(checklist.search_description[code].split())
            assert " ".join(descriptions[0]["content"].split()) == expected
            assert len(expected) >= 50, "a description says what the check is for"


def test_a_description_missing_in_one_language_is_refused(checklist_data, write_checklist):
    from app.checklist import ChecklistError

    del checklist_data["search_description"]["vi"]
    with pytest.raises(ChecklistError, match=r"search_description.*no translation for 'vi'"):
        load_checklist(write_checklist(checklist_data))


def test_robots_txt_lets_crawlers_reach_the_start_pages_and_statements_only(public):
    client = public.test_client()
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert "Set-Cookie" not in response.headers
    rules = Protego.parse(response.get_data(as_text=True))
    stylesheet = parse(client.get("/")).select_one("link[rel=stylesheet]")["href"]
    for agent in ["Googlebot", "Bingbot", "AnyOtherBot"]:
        for path in [*LISTED, stylesheet, "/sitemap.xml"]:
            assert rules.can_fetch(PUBLIC_URL + path.lstrip("/"), agent), (agent, path)
        for path in NEVER_CRAWLED:
            assert not rules.can_fetch(PUBLIC_URL + path.lstrip("/"), agent), (agent, path)
    assert list(rules.sitemaps) == [PUBLIC_URL + "sitemap.xml"]


def test_what_robots_txt_allows_is_what_the_pages_let_search_engines_list(public):
    """Made from the same marks (app/web/indexing.py), so the two cannot drift apart."""
    client = public.test_client()
    allowed = [
        line.removeprefix("Allow: ").removesuffix("$")
        for line in client.get("/robots.txt").get_data(as_text=True).splitlines()
        if line.startswith("Allow: ") and line.endswith("$")
    ]
    assert sorted(allowed) == sorted([*LISTED, "/sitemap.xml"])
    for path in LISTED:
        response = client.get(path)
        assert response.status_code == 200
        assert "X-Robots-Tag" not in response.headers, path


def test_robots_txt_without_the_public_address_names_no_sitemap(client):
    text = client.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap" not in text
    rules = Protego.parse(text)
    assert rules.can_fetch("https://anywhere.example/ro/", "Googlebot")
    assert not rules.can_fetch("https://anywhere.example/what-to-do-next", "Googlebot")


def test_the_sitemap_lists_every_page_that_may_be_listed_with_its_language_versions(public):
    client = public.test_client()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    assert response.get_data().startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ElementTree.fromstring(response.get_data())
    assert root.tag == f"{SITEMAP}urlset"
    listed = {}
    for url in root:
        assert url.tag == f"{SITEMAP}url"
        (loc,) = url.findall(f"{SITEMAP}loc")
        links = url.findall(f"{XHTML}link")
        assert all(link.get("rel") == "alternate" for link in links)
        listed[loc.text] = {link.get("hreflang"): link.get("href") for link in links}
    assert sorted(listed) == sorted(PUBLIC_URL + path.lstrip("/") for path in LISTED)
    for address, versions in listed.items():
        page = client.get(urlsplit(address).path)
        assert page.status_code == 200
        assert "X-Robots-Tag" not in page.headers
        # What the page says in its <head> is what the sitemap says about it.
        assert head_links(page) == ([address], versions), address
        if urlsplit(address).path in start_pages():
            assert set(versions) == {*UK.languages, "x-default"}


def test_the_sitemap_needs_the_public_address(client):
    assert client.get("/sitemap.xml").status_code == 404


def test_a_checklists_languages_make_the_start_pages(make_app):
    """A checklist with other languages has other start page addresses, with no code
    changed: Romania's has /ro/ and /en/ only."""
    romania = load_checklist(ROMANIA)
    client = make_app(CHECKLIST_PATH=str(ROMANIA), PUBLIC_URL=PUBLIC_URL).test_client()
    root = ElementTree.fromstring(client.get("/sitemap.xml").get_data())
    locs = {url.find(f"{SITEMAP}loc").text for url in root}
    assert locs == {PUBLIC_URL + path.lstrip("/") for path in [*start_pages(romania), *STATEMENTS]}
    for code in UK.languages:
        status = client.get(f"/{code}/").status_code
        assert status == (200 if code in romania.languages else 404), code
    assert text_of(parse(client.get("/")).select_one("h1")) == romania.service_name["ro"]
