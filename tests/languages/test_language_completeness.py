"""Every language the UK check offers is complete: each text of the checklist and the
interface catalogue, and the matrix's review pages, in every language of the file.

Parametrised over the file's own `languages`, so a new language is covered here without
editing this file."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

import app.pages.languages
from app.checklist import ChecklistError, load_checklist
from app.checklist.outcomes import distinct_outcomes
from app.cli import checklist_group
from app.settings import ConfigurationError
from tests.support.pages import text_of
from tests.support.project import REAL_CHECKLIST

UK = load_checklist(REAL_CHECKLIST)
TRANSLATED = [code for code in UK.languages if code != "en"]


def test_the_uk_check_offers_albanian_vietnamese_and_arabic():
    # Issue 19: the languages of the people most often referred. Passes once the lead has
    # added the translators' sheets with `flask checklist add-translation`.
    assert {"sq", "vi", "ar"} <= set(UK.languages)


def by_id(items: list[dict], item_id: str) -> dict:
    return next(item for item in items if item["id"] == item_id)


def item(items: list[dict], item_id: str) -> str:
    """How a fault names a list item: "item 5 (id 'control')"."""
    position = next(n for n, each in enumerate(items, 1) if each["id"] == item_id)
    return f"item {position} (id '{item_id}')"


@pytest.mark.parametrize("code", UK.languages)
def test_a_text_missing_in_a_language_is_refused_naming_language_and_place(
    code, checklist_data, write_checklist
):
    # Three kinds of place: a question's wording for one audience, an answer's label and a
    # contact's description.
    by_id(checklist_data["questions"], "control")["question"]["myself"].pop(code)
    yes_no = by_id(checklist_data["answer_sets"], "yes_no_not_sure")
    by_id(yes_no["options"], "not_sure")["label"].pop(code)
    by_id(checklist_data["contacts"], "childline")["description"].pop(code)
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write_checklist(checklist_data))
    report = str(caught.value)
    assert len(caught.value.faults) == 3, report
    missing = f"the text has no translation for '{code}'"
    for place in [
        f"questions → {item(checklist_data['questions'], 'control')} → question → myself",
        f"answer_sets → {item(checklist_data['answer_sets'], 'yes_no_not_sure')} → options → "
        f"{item(yes_no['options'], 'not_sure')} → label",
        f"contacts → {item(checklist_data['contacts'], 'childline')} → description",
    ]:
        assert f"{place}: {missing}" in report, report


@pytest.mark.parametrize("code", UK.languages)
def test_an_empty_text_in_a_language_is_refused(code, checklist_data, write_checklist):
    by_id(checklist_data["rules"], "what_you_noticed")["heading"][code] = "   "
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write_checklist(checklist_data))
    assert f"id 'what_you_noticed') → heading → {code}: the text is empty" in str(caught.value)


@pytest.fixture
def catalogues_without(tmp_path, monkeypatch):
    """The interface catalogues as they are, less the parts a test takes away."""

    def without(code: str, *names: str):
        copy = tmp_path / "translations"
        shutil.copytree(app.pages.languages.TRANSLATIONS, copy)
        for name in names:
            (copy / code / "LC_MESSAGES" / name).unlink()
        monkeypatch.setattr(app.pages.languages, "TRANSLATIONS", copy)
        return copy / code / "LC_MESSAGES"

    return without


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_language_without_an_interface_catalogue_is_refused_at_start_up(
    code, make_app, catalogues_without
):
    folder = catalogues_without(code, "messages.po", "messages.mo")
    with pytest.raises(ConfigurationError) as caught:
        make_app()
    message = str(caught.value)
    assert f"The checklist offers '{code}' but the interface has no translation" in message
    assert str(folder / "messages.po") in message


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_language_with_an_uncompiled_catalogue_is_refused_at_start_up(
    code, make_app, catalogues_without
):
    catalogues_without(code, "messages.mo")
    with pytest.raises(ConfigurationError, match=f"The '{code}' interface translation is not"):
        make_app()


def test_the_matrix_writes_every_distinct_outcome_in_every_language(tmp_path):
    """Each outcome's page exists in each language of the file, says it is in that language,
    shows the same sections in the same order, and is written in that language (its
    heading differs from the English one, except in English)."""
    folder = tmp_path / "review"
    result = CliRunner().invoke(
        checklist_group, ["matrix", "--html", str(folder), str(REAL_CHECKLIST)]
    )
    assert result.exit_code == 0, result.output
    outcomes = distinct_outcomes(UK)
    assert len(outcomes) > 1
    index = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    linked = {a["href"] for a in index.select("a")}
    for outcome in outcomes:
        english: list[str] = []
        for code in sorted(UK.languages, key=lambda code: code != "en"):
            name = f"{outcome.name}.{code}.html"
            assert name in linked
            page = BeautifulSoup((folder / name).read_text(encoding="utf-8"), "html.parser")
            assert page.html["lang"] == code, name
            sections = [h2["id"] for h2 in page.select("section.guidance h2")]
            assert sections == [f"guidance-{rule}" for rule in outcome.example.rule_ids], name
            headings = [text_of(h2) for h2 in page.select("section.guidance h2")]
            if code == "en":
                english = headings
            else:
                same = [h for h, e in zip(headings, english, strict=True) if h == e]
                assert same == [], name
    assert len(list(folder.glob("outcome-*.html"))) == len(outcomes) * len(UK.languages)
