"""Each language's start page at its own address (/ro/): in that language whatever the
browser asks for, setting no cookie (a crawler keeps none, and a person arriving from a
poster has chosen nothing yet), and leading on in that language: its switcher to the other
languages' addresses, its links with the language, its form into the journey.

Its form is a first step (app/web/first_steps.py): no token, so its post is checked by where
it comes from (Origin) alone. What search engines see is in tests/pages/test_search_engines.py;
the quick exit and one history entry from these addresses, in
test_language_addresses_in_chromium.py.
"""

from __future__ import annotations

import pytest

from app.checklist import load_checklist
from app.journey.cookie import AUDIENCE_KEY, LANGUAGE_KEY
from tests.support.pages import parse, text_of
from tests.support.project import REAL_CHECKLIST
from tests.support.walker import BEFORE_YOU_START, ClientVisitor, answers_by, walk

UK = load_checklist(REAL_CHECKLIST)


def another_language(code: str) -> str:
    """A language the browser asks for that is not the page's own."""
    return "ar" if code != "ar" else "en"


@pytest.mark.parametrize("prebuilt", [True, False], ids=["prebuilt", "drawn"])
@pytest.mark.parametrize("language", UK.languages)
def test_a_start_page_at_its_languages_address_is_in_that_language_and_sets_no_cookie(
    make_app, language, prebuilt
):
    client = make_app(PREBUILT_PAGES=prebuilt).test_client()
    for method in ("GET", "HEAD"):
        response = client.open(
            f"/{language}/", method=method, headers={"Accept-Language": another_language(language)}
        )
        assert response.status_code == 200, method
        assert "Set-Cookie" not in response.headers, method
    page = parse(client.get(f"/{language}/"))
    assert page.html["lang"] == language
    assert text_of(page.select_one("h1")) == UK.service_name[language]
    form = page.select_one("main form[method=post]")
    assert form["action"] == f"/{language}/"
    assert form.select("input[name=csrf_token]") == [], "a first step carries no token"
    buttons = [button["value"] for button in form.select("button[name=audience]")]
    assert buttons == list(UK.audience_ids)
    assert client.get_cookie("session") is None


def test_the_address_wins_over_the_language_a_person_chose_and_changes_nothing(client):
    client.get("/?lang=vi")
    response = client.get("/ro/")
    assert parse(response).html["lang"] == "ro"
    assert "Set-Cookie" not in response.headers
    with client.session_transaction() as session:
        assert session[LANGUAGE_KEY] == "vi", "looking is not choosing"
    assert parse(client.get("/")).html["lang"] == "vi"


def test_without_its_last_slash_the_address_is_the_same_page_not_a_redirect(client):
    response = client.get("/sq")
    assert response.status_code == 200
    assert parse(response).html["lang"] == "sq"


@pytest.mark.parametrize("path", ["/xx/", "/EN/", "/en-GB/", "/en/x", "/no-such-page"])
def test_only_the_checklists_languages_have_addresses(client, path):
    response = client.get(path)
    assert response.status_code == 404, path
    assert "Location" not in response.headers


@pytest.mark.parametrize("language", UK.languages)
def test_the_journey_from_a_languages_address_goes_on_in_that_language(client, language):
    # A browser set to another language: only the address says which one.
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = another_language(language)
    visitor = ClientVisitor(client)
    answers = answers_by(UK, lambda question, options: options[0])
    first = UK.questions[0].id
    states = list(
        walk(visitor, UK, UK.audience_ids[0], answers, errors=[first], start=f"/{language}/")
    )
    assert states[-1] == "guidance"
    pages = [answer for answer in visitor.answers if answer.location is None]
    assert len(pages) == len(states)
    for answer in pages:
        assert answer.status == 200, answer.path
        assert answer.html.html["lang"] == language, answer.path
    with client.session_transaction() as session:
        assert session[LANGUAGE_KEY] == language
        assert session[AUDIENCE_KEY] == UK.audience_ids[0]
    # The choice is kept as if made with the switcher: the plain start page is in it too.
    assert parse(client.get("/")).html["lang"] == language


@pytest.mark.parametrize("language", UK.languages)
def test_the_switcher_leads_to_each_other_languages_address(client, language):
    switcher = parse(client.get(f"/{language}/")).select_one(".language-switcher")
    current = switcher.select("[aria-current=true]")
    assert [item["lang"] for item in current] == [language]
    links = {link["hreflang"]: link["href"] for link in switcher.select("a")}
    assert links == {code: f"/{code}/" for code in UK.languages if code != language}
    for code, address in links.items():
        response = client.get(address)
        assert response.status_code == 200
        assert parse(response).html["lang"] == code
        assert "Set-Cookie" not in response.headers
    assert client.get_cookie("session") is None


def test_the_pages_links_keep_the_language_for_a_browser_set_to_another(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = parse(client.get("/ro/"))
    assert page.select_one(".exit-bar a")["href"] == "/exit"
    assert page.select_one(".header__service")["href"] == "/?lang=ro"
    footer = [link["href"] for link in page.select("footer a")]
    assert footer == [
        "/staying-safe-online?lang=ro",
        "/accessibility?lang=ro",
        "/privacy?lang=ro",
        "/cookies?lang=ro",
    ]
    for address in ["/?lang=ro", *footer]:
        client.delete_cookie("session")
        response = client.get(address, follow_redirects=True)
        assert response.status_code == 200, address
        assert parse(response).html["lang"] == "ro", address


def test_choosing_an_audience_there_starts_the_journey_in_that_language(client):
    response = client.post("/sq/", data={"audience": "myself"})
    assert response.status_code == 303
    assert response.headers["Location"] == BEFORE_YOU_START
    with client.session_transaction() as session:
        assert session[LANGUAGE_KEY] == "sq"
        assert session[AUDIENCE_KEY] == "myself"


@pytest.mark.parametrize(
    "origin", [None, "http://localhost"], ids=["no Origin (an older browser)", "this site"]
)
def test_a_first_step_from_this_site_needs_no_token(client, origin):
    headers = {"Origin": origin} if origin else {}
    response = client.post("/ro/", data={"audience": "someone_else"}, headers=headers)
    assert response.status_code == 303


def test_a_first_step_sent_from_another_site_is_refused_and_starts_nothing(client):
    response = client.post(
        "/ro/", data={"audience": "someone_else"}, headers={"Origin": "https://elsewhere.example"}
    )
    assert response.status_code == 400
    page = parse(response)
    assert page.html["lang"] == "ro"
    # Carry on from the same address.
    assert page.select_one("main form")["action"] == "/ro/"
    with client.session_transaction() as session:
        assert AUDIENCE_KEY not in session


def test_the_rest_of_the_journey_still_needs_its_token(client):
    """Only the first step goes without: an answer without a token is refused as always."""
    client.post("/ro/", data={"audience": "someone_else"})
    first = UK.questions[0].id
    response = client.post(f"/questions/{first}", data={"answer": "yes"})
    assert response.status_code == 400
    response = client.post("/", data={"audience": "someone_else"})
    assert response.status_code == 400, "the plain start page's form has its token"


def test_sending_it_without_a_choice_shows_the_error_there_in_its_language(client):
    response = client.post("/vi/", data={}, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    page = parse(response)
    assert page.html["lang"] == "vi"
    hidden = text_of(page.select_one(".error-message .visually-hidden"))
    assert page.title.get_text().startswith(hidden + " ")
    assert page.select_one("main form[method=post]")["action"] == "/vi/"
