"""Every page state, in every language of the UK check: the right `lang` and `dir`, the
whole journey for each audience, and no English left on a translated page.

Parametrised over the checklist's own `languages`, so a language added to the file is
tested here without editing this file. Each language's pages are rendered once (one client
per language, tests/support/every_language.py) and shared by the tests below.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

import app.pages.languages
from app import create_app
from app.checklist import load_checklist
from app.pages.languages import babel
from tests.support.english import EnglishFinder, left_as_in_english
from tests.support.every_language import Visit, failing_app_from, visit
from tests.support.pages import parse, submit, text_of
from tests.support.project import REAL_CHECKLIST, TEST_SECRET
from tests.support.titles import MOST_CHARACTERS, follows_the_title_rule, title_of

UK = load_checklist(REAL_CHECKLIST)
UK_TEXTS = yaml.safe_load(REAL_CHECKLIST.read_text(encoding="utf-8"))
TRANSLATED = [code for code in UK.languages if code != "en"]


def _app(**overrides):
    # METRICS on: the privacy notice then lists the figures the service counts, so their
    # words are checked in every language too.
    settings = {"TESTING": True, "SECRET_KEY": TEST_SECRET, "EXIT_URL": "https://exit.test/"}
    return create_app({**settings, "METRICS": True, **overrides})


@pytest.fixture(scope="module")
def visits():
    """Each language's visit, made the first time a test asks for it."""
    apps = (_app(), _app(KIOSK_MODE=True, EXIT_URL=None), failing_app_from(_app()))
    made: dict[str, Visit] = {}

    def visit_in(language: str) -> Visit:
        if language not in made:
            made[language] = visit(*apps, language)
        return made[language]

    return visit_in


def test_every_kind_of_page_is_visited(visits):
    pages = visits(UK.default_language).pages
    statuses = {name: response.status_code for name, response in pages.items()}
    assert statuses["not found"] == 404
    assert statuses["method not allowed"] == 405
    assert statuses["form expired"] == 400
    assert statuses["too large"] == 413
    assert statuses["headers too large"] == 431
    assert statuses["server error"] == 500
    assert statuses["start with an error"] == 200
    others = {name: s for name, s in statuses.items() if s >= 300}
    assert others.keys() == {"not found", "method not allowed", "form expired"} | {
        "too large",
        "headers too large",
        "server error",
    }
    names = set(pages)
    for audience in UK.audience_ids:
        for question in UK.questions:
            assert f"{audience}: question {question.id}" in names
        assert f"{audience}: guidance" in names
    assert {"kiosk: guidance", "kiosk: welcome, after leaving", "cookies"} <= names
    cleared = parse(pages["kiosk: cleared when idle"]).select_one(".notification")
    assert cleared is not None, "the kiosk's idle notice was not reached"
    assert parse(pages["kiosk: finished and cleared"]).select_one(".notification") is not None


@pytest.mark.parametrize("language", UK.languages)
def test_every_page_is_in_its_language(visits, language):
    for name, response in visits(language).pages.items():
        assert response.mimetype == "text/html", name
        assert parse(response).html.get("lang") == language, name


@pytest.mark.parametrize("language", UK.languages)
def test_every_page_has_its_languages_direction(visits, language):
    # Arabic reads right to left: `dir` tells the browser to mirror the page.
    direction = Locale.parse(language).text_direction
    for name, response in visits(language).pages.items():
        page = parse(response)
        assert page.html.get("dir") == direction, name
        # Each name in the switcher is in its own language, and so in its own direction.
        for other in page.select(".language-switcher li > *"):
            assert other.get("dir") == Locale.parse(other["lang"]).text_direction, (name, other)


@pytest.mark.parametrize("language", UK.languages)
def test_every_title_is_short_enough_to_hear_on_every_page(visits, language):
    """A screen reader says the whole title each time a page opens: at most 65 characters,
    by the rule in tests/support/titles.py, with "Error: " (in the page's language) first
    on a page that shows an error, as its error message says it."""
    longest = (0, "")
    for name, response in visits(language).pages.items():
        page = parse(response)
        title = title_of(page)
        longest = max(longest, (len(title), f"{name}: {title}"))
        assert len(title) <= MOST_CHARACTERS, (name, len(title), title)
        if name == "kiosk: welcome, after leaving":
            # Names nothing of the check, on purpose (templates/kiosk/welcome.html).
            assert title == text_of(page.select_one("h1")), name
            continue
        assert follows_the_title_rule(title, UK, language), (name, title)
        said_in_the_error = page.select_one(".error-message .visually-hidden")
        if said_in_the_error is not None:
            assert title.startswith(text_of(said_in_the_error) + " "), (name, title)
    print(f"{language}: longest title {longest[0]} characters ({longest[1]})")


@pytest.mark.parametrize("language", UK.languages)
@pytest.mark.parametrize("audience", UK.audience_ids)
def test_the_whole_journey_completes(visits, language, audience):
    seen = visits(language)
    first, *others = [f"/questions/{question.id}" for question in UK.questions]
    assert seen.journeys[audience] == [
        "/before-you-start" if audience == UK.audience_ids[0] else first,
        *others,
        "/check-your-answers",
    ]
    assert seen.pages[f"{audience}: guidance"].status_code == 200
    sections = seen.guidance_sections[audience]
    assert sections == seen.guidance_sections[f"{audience} expected"]
    assert len(sections) > 1


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_remains_on_a_translated_page(visits, language):
    finder = EnglishFinder(UK, UK_TEXTS, language)
    left = {}
    for name, response in visits(language).pages.items():
        found = finder.find(response.get_data(as_text=True))
        if found:
            left[name] = [f"{f.english!r} ({f.source}) in {f.seen_in!r}" for f in found]
    assert left == {}, "\n".join(f"{name}: {lines}" for name, lines in left.items())


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_text_is_left_as_on_the_english_page(visits, language):
    """English from anywhere else (a template's text not marked for translation, a date
    or a number formatted in English) is found by comparing each page with itself in
    English."""
    finder = EnglishFinder(UK, UK_TEXTS, language)
    english = visits("en").pages
    left = {}
    for name, response in visits(language).pages.items():
        same = left_as_in_english(
            finder, response.get_data(as_text=True), english[name].get_data(as_text=True)
        )
        if same:
            left[name] = same
    assert left == {}


def test_the_english_check_finds_english_left_in_a_translation(
    tmp_path, checklist_data, write_checklist, monkeypatch, visits
):
    """The check above can fail: a Romanian catalogue with two messages left untranslated,
    and a checklist with one Romanian text left as the English, are each found."""
    translations = tmp_path / "translations"
    shutil.copytree(app.pages.languages.TRANSLATIONS, translations)
    catalogue_path = translations / "ro" / "LC_MESSAGES" / "messages.po"
    with catalogue_path.open("rb") as source:
        catalogue = read_po(source)
    catalogue["Continue"].string = ""
    catalogue["Question %(number)s of %(total)s"].string = ""
    with catalogue_path.open("wb") as target:
        write_po(target, catalogue)
    with catalogue_path.with_suffix(".mo").open("wb") as target:
        write_mo(target, catalogue)
    first = checklist_data["questions"][0]
    english = first["question"]["myself"]["en"]
    first["question"]["myself"]["ro"] = english
    checklist = write_checklist(checklist_data)
    monkeypatch.setattr(app.pages.languages, "TRANSLATIONS", translations)
    # Flask-Babel keeps loaded catalogues by language for every app in the process.
    monkeypatch.setattr(babel.domain_instance, "cache", {})
    served = _app(CHECKLIST_PATH=str(checklist), BABEL_TRANSLATION_DIRECTORIES=str(translations))
    client = served.test_client()
    client.get("/?lang=ro")
    submit(client, "/", button={"audience": "myself"})
    page = client.get(f"/questions/{first['id']}").get_data(as_text=True)

    finder = EnglishFinder(load_checklist(checklist), checklist_data, "ro", translations)
    found = {(f.english, f.source) for f in finder.find(page)}
    assert found == {
        ("Continue", "interface"),
        ("Question %(number)s of %(total)s", "interface"),
        (english, f"questions[{first['id']}].question.myself"),
    }
    # With the real catalogue and checklist, the same page has no English.
    real = EnglishFinder(UK, UK_TEXTS, "ro")
    assert (
        real.find(visits("ro").pages[f"myself: question {first['id']}"].get_data(as_text=True))
        == []
    )


def test_the_english_check_reads_a_page_as_a_person_perceives_it():
    """English split by a link or a <bdi>, or in an attribute a screen reader reads, is
    found; English the page marks as English, and an English word inside a sentence of
    another language, are not."""
    finder = EnglishFinder(UK, UK_TEXTS, "ro")
    page = """<!doctype html><html lang="ro"><head><title>Verificare</title></head><body>
      <a href="/exit" aria-label="Leave this site quickly">Părăsiți</a>
      <p>Do they look <a href="#">scruffy</a>, malnourished or <bdi dir="ltr">injured</bdi>?</p>
      <nav><span lang="en">Continue</span></nav>
      <p>Apăsați Continue după ce alegeți.</p>
      <button>Continue</button>
    </body></html>"""
    found = {f.english for f in finder.find(page)}
    assert found == {
        "Leave this site quickly",
        "Leave this site",  # a message of its own, inside the longer one
        "Do they look scruffy, malnourished or injured?",
        "Continue",
    }
    assert [f.seen_in for f in finder.find(page) if f.english == "Continue"] == ["Continue"]
