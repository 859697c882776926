"""Prebuilt pages (app/pages/prebuilt.py) are exactly the pages the templates would draw.

Each prebuilt version is compared with the same page rendered afresh by an app that builds
none, for every language, audience, question, selected answer and address; only the CSRF
token differs, as it does between any two sessions.
"""

from __future__ import annotations

import re

import pytest

from app.checklist import load_checklist
from app.journey.cookie import ANSWERS_KEY, AUDIENCE_KEY, LANGUAGE_KEY
from app.views import journey
from tests.support.pages import begin, parse, submit, text_of
from tests.support.project import REAL_CHECKLIST

CHECKLIST = load_checklist(REAL_CHECKLIST)
TOKEN = re.compile(r'name="csrf_token" value="[^"]+"')


@pytest.fixture
def prebuilt(make_app):
    return make_app()


@pytest.fixture
def rendered(make_app):
    return make_app(PREBUILT_PAGES=False)


def without_token(response) -> str:
    return TOKEN.sub('name="csrf_token" value="…"', response.get_data(as_text=True))


def in_state(client, language: str, audience: str | None, answers: dict[str, str]):
    with client.session_transaction() as session:
        session.clear()
        session[LANGUAGE_KEY] = language
        if audience is not None:
            session[AUDIENCE_KEY] = audience
            session[ANSWERS_KEY] = answers
    return client


def question_states():
    """(audience, question, answers so far, with this question's answer or not)"""
    for audience in CHECKLIST.audience_ids:
        answered: dict[str, str] = {}
        for question in CHECKLIST.questions:
            yield audience, question.id, dict(answered)
            for option in CHECKLIST.options_for(question):
                yield audience, question.id, {**answered, question.id: option.id}
            answered[question.id] = CHECKLIST.options_for(question)[0].id


@pytest.mark.parametrize("language", CHECKLIST.languages)
def test_every_prebuilt_page_is_the_page_the_template_draws(
    prebuilt, rendered, language, monkeypatch
):
    fresh_client, table_client = rendered.test_client(), prebuilt.test_client()
    # The start page, at / and at each language's own address.
    pages = [("/", None, {}), *((f"/{code}/", None, {}) for code in CHECKLIST.languages)]
    for audience, question_id, answers in question_states():
        for query in ("", "?change=1"):
            pages.append((f"/questions/{question_id}{query}", audience, answers))
    fresh = {}
    for address, audience, answers in pages:
        response = in_state(fresh_client, language, audience, answers).get(address)
        assert response.status_code == 200, address
        fresh[address, audience, str(answers)] = without_token(response)

    # From here on, drawing a start or question page would fail: every one must come from
    # the table.
    def not_drawn(*args, **kwargs):
        raise AssertionError("drawn afresh, not taken from the table")

    monkeypatch.setattr(journey.question_page, "render", not_drawn)
    monkeypatch.setattr(journey.start_page, "render", not_drawn)
    for address, audience, answers in pages:
        response = in_state(table_client, language, audience, answers).get(address)
        assert response.status_code == 200, address
        assert without_token(response) == fresh[address, audience, str(answers)], address


def test_the_table_holds_every_version_in_every_language(prebuilt):
    # The start page at / and at the language's own address (only in that language).
    per_language = 2 + sum(
        2 * len(CHECKLIST.audience_ids) * (1 + len(CHECKLIST.options_for(question)))
        for question in CHECKLIST.questions
    )
    assert len(prebuilt.extensions["prebuilt_pages"]) == per_language * len(CHECKLIST.languages)


def test_each_session_gets_its_own_token_and_it_is_accepted(prebuilt):
    first, second = prebuilt.test_client(), prebuilt.test_client()
    tokens = []
    for client in (first, second):
        begin(client)
        page = parse(client.get("/questions/appearance"))
        tokens.append(page.select_one("input[name=csrf_token]")["value"])
        response = submit(client, "/questions/appearance", {"answer": "yes"})
        assert response.status_code == 303
        assert response.headers["Location"] == "/questions/behaviour"
    assert tokens[0] != tokens[1]
    assert all("hole" not in token and "<" not in token for token in tokens)


def test_a_page_with_a_message_is_drawn_afresh_and_shows_it(prebuilt):
    client = prebuilt.test_client()
    client.set_cookie("session", "forged.cookie.value")
    page = parse(client.get("/"))
    notice = page.select_one(".notification")
    assert notice is not None, "the table's start page has no message in it"
    assert "Nothing you entered was kept" in text_of(notice)
    # Once shown, the message is gone and the page is the usual one again.
    assert parse(client.get("/")).select_one(".notification") is None


def test_an_address_with_other_parameters_is_drawn_afresh(prebuilt):
    client = prebuilt.test_client()
    begin(client)
    page = parse(client.get("/questions/appearance?from=poster"))
    switcher = page.select_one("nav.language-switcher a[hreflang=ro]")
    assert switcher["href"] == "/questions/appearance?from=poster&lang=ro"


def test_an_answer_that_was_not_offered_shows_the_error_not_a_prebuilt_page(prebuilt):
    client = prebuilt.test_client()
    begin(client)
    response = submit(client, "/questions/appearance", {"answer": "perhaps"})
    assert response.status_code == 200
    page = parse(response)
    assert page.select_one(".error-summary") is not None
    assert page.title.get_text().startswith("Error:")
    assert page.select("input[name=answer][checked]") == []


def test_a_kiosk_builds_no_table(make_app):
    assert "prebuilt_pages" not in make_app(KIOSK_MODE=True).extensions


def test_under_a_path_prefix_pages_are_drawn_with_it(prebuilt):
    client = prebuilt.test_client()
    mounted = "http://localhost/check"
    page = parse(client.get("/", base_url=mounted))
    assert page.select_one("form[method=post]")["action"] == "/check/"
    client.post(
        "/",
        base_url=mounted,
        data={
            "audience": "myself",
            "csrf_token": page.select_one("input[name=csrf_token]")["value"],
        },
    )
    question = parse(client.get("/questions/appearance", base_url=mounted))
    assert question.select_one("form[method=post]")["action"] == "/check/questions/appearance"
    assert question.select_one(".back-link")["href"] == "/check/"
