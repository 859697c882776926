"""Translations know the source text they were made from: a changed English text is found
out of date in every language, a safety text is then shown in English (marked, with a note)
rather than out of date, and a `--stale` sheet brings the translations up to date."""

from __future__ import annotations

import logging
import shutil

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

import app.pages.languages
from app.checklist import ChecklistError, load_checklist
from app.checklist.file_edits import ChecklistFile
from app.checklist.fingerprints import fingerprint
from app.checklist.texts import every_text, texts_by_place
from app.checklist.translation_sheet import add_translation, translation_sheet
from app.cli import checklist_group
from tests.support.pages import answer, begin, complete_check, parse, text_of
from tests.support.project import CHECKLIST_FILES, REAL_CHECKLIST

UK = load_checklist(REAL_CHECKLIST)
TRANSLATED = [code for code in UK.languages if code != "en"]
NOTE = (
    "We are updating the translation of this part, so for now it is shown in its original language."
)
# A safety text (a contact's) and a text that is not one (a sign's wording), both changed.
NEW_HOURS = "8am to 8pm, every day"
HOURS = "contacts[helpline].hours"
NEW_HOUSING = "Are they living in a crowded, damp or unsafe home?"
HOUSING = "questions[housing].question.someone_else"


def by_id(items: list[dict], item_id: str) -> dict:
    return next(item for item in items if item["id"] == item_id)


def with_english(path, changes: dict[str, str]):
    """The checklist file at `path` with English texts changed, line for line, the way an
    editor changes them: nothing else in the file moves."""
    file = ChecklistFile(path)
    texts = {text.place: text for text in file.texts()}
    for place, english in changes.items():
        file.set_text(texts[place], "en", english)
    return file.result()


@pytest.fixture
def changed(tmp_path):
    """The UK checklist with the Helpline's hours and the housing sign changed in English
    only, as an editor would leave it."""
    path = tmp_path / "checklist.yaml"
    path.write_text(
        with_english(REAL_CHECKLIST, {HOURS: NEW_HOURS, HOUSING: NEW_HOUSING}), encoding="utf-8"
    )
    return path


def note_in(code: str) -> str:
    if code == "en":
        return NOTE
    with (app.pages.languages.TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po)[NOTE].string


@pytest.mark.parametrize("path", CHECKLIST_FILES, ids=lambda path: path.name)
def test_every_shipped_translation_is_made_from_its_source_as_it_is_now(path):
    checklist = load_checklist(path)
    translations = [code for code in checklist.languages if code != checklist.source]
    for placed in every_text(checklist):
        assert placed.text.stale == (), placed.place
        assert dict(placed.text.translated_from) == {
            code: fingerprint(placed.text.source) for code in translations
        }, placed.place


def test_what_counts_as_a_safety_text_comes_from_the_parts_not_their_ids():
    safety = {placed.place for placed in every_text(UK) if placed.safety}
    assert {HOURS, "rules[immediate_danger].heading", "questions[age].question.myself"} <= safety
    assert "answer_sets[age_band].options[under_18].label" in safety
    assert {HOUSING, "service_name", "answer_sets[yes_no_not_sure].error"}.isdisjoint(safety)
    contacts_and_rules = {p for p in texts_by_place(UK) if p.startswith(("contacts", "rules"))}
    assert contacts_and_rules <= safety


def test_a_changed_english_text_is_stale_in_every_language(changed):
    checklist = load_checklist(changed)
    stale = {
        placed.place: placed.text.stale for placed in every_text(checklist) if placed.text.stale
    }
    assert stale == {HOURS: tuple(TRANSLATED), HOUSING: tuple(TRANSLATED)}
    assert checklist.contact("helpline").hours.withheld == tuple(TRANSLATED)
    assert checklist.question("housing").question["someone_else"].withheld == ()


def test_validate_names_every_stale_place_and_language_and_strict_refuses(changed):
    runner = CliRunner()
    result = runner.invoke(checklist_group, ["validate", str(changed)])
    assert result.exit_code == 0, result.output
    languages = ", ".join(f"'{code}'" for code in TRANSLATED)
    stale = [line for line in result.output.splitlines() if "translations of" in line]
    assert stale == [
        f"warning: update the {languages} translations of {place}: the 'en' text has changed "
        f"since they were made (`flask checklist translation-sheet ro --stale`), or, if they "
        f"still say what it says, set their `translated_from` to {fingerprint(english)}; until "
        f"then {shown}"
        for place, english, shown in [
            (HOUSING, NEW_HOUSING, "pages show the out-of-date translation"),
            (HOURS, NEW_HOURS, "pages show the 'en' text instead (a safety text)"),
        ]
    ]
    strict = runner.invoke(checklist_group, ["validate", "--strict", str(changed)])
    assert strict.exit_code == 1
    assert f"error: update the {languages} translations of {HOURS}" in strict.output
    assert "ok" not in strict.output.splitlines()


def test_start_up_warns_about_each_stale_translation(changed, make_app, caplog):
    with caplog.at_level(logging.WARNING):
        make_app(CHECKLIST_PATH=str(changed))
    warned = [line for line in caplog.text.splitlines() if "translations of" in line]
    assert len(warned) == 2
    assert any(
        f"Before going live: update the 'ro', 'sq', 'vi', 'ar' translations of {HOURS}" in w
        for w in warned
    )


def helpline_card(page):
    return page.select_one("#contact-helpline").parent


@pytest.mark.parametrize("code", UK.languages)
def test_a_stale_safety_text_is_shown_in_english_marked_with_a_note(changed, make_app, code):
    client = make_app(CHECKLIST_PATH=str(changed)).test_client()
    client.get(f"/?lang={code}")
    page = parse(complete_check(client, {"appearance": "yes"}))
    assert page.html["lang"] == code
    card = helpline_card(page)
    hours = card.select_one("ul > li")  # the hours come first
    notes = page.select(".translation-note")
    if code == "en":
        assert text_of(hours) == NEW_HOURS
        assert not hours.has_attr("lang")
        assert notes == []
        return
    # The new English, never the translation of the old hours, marked as English.
    assert text_of(hours) == NEW_HOURS
    assert hours["lang"] == "en" and hours["dir"] == "ltr"
    assert UK.contact("helpline").hours[code] not in card.get_text()
    # One note, in the page's language, in the card that holds the English.
    assert [text_of(note) for note in notes] == [note_in(code)]
    assert note_in(code) != NOTE
    assert card.select_one(".translation-note") is not None
    # The rest of the card is still translated: its name has not changed.
    name = card.select_one("h3")
    assert not name.has_attr("lang")
    assert text_of(name) == " ".join(UK.contact("helpline").name[code].split())


def test_arabic_keeps_its_direction_around_the_english(changed, make_app):
    client = make_app(CHECKLIST_PATH=str(changed)).test_client()
    client.get("/?lang=ar")
    page = parse(complete_check(client, {"appearance": "yes"}))
    assert page.html["dir"] == "rtl"
    english = helpline_card(page).select_one("li[lang=en]")
    assert english["dir"] == "ltr" and text_of(english) == NEW_HOURS
    note = page.select_one(".translation-note")
    assert not note.has_attr("lang")  # in Arabic, like the page around it


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_stale_text_that_is_not_a_safety_text_keeps_its_translation(changed, make_app, code):
    client = make_app(CHECKLIST_PATH=str(changed)).test_client()
    client.get(f"/?lang={code}")
    begin(client)
    for sign in ["appearance", "behaviour", "work"]:
        answer(client, sign, "no")
    page = parse(client.get("/questions/housing"))
    heading = page.select_one("h1")
    assert text_of(heading) == " ".join(
        UK.question("housing").question["someone_else"][code].split()
    )
    assert not heading.has_attr("lang")
    assert page.select(".translation-note") == []
    assert NEW_HOUSING not in page.get_text()


@pytest.mark.parametrize("code", ["ro", "ar"])
def test_the_age_question_is_a_safety_text(checklist_data, write_checklist, make_app, code):
    new = "How old are you? If you are not sure, guess."
    by_id(checklist_data["questions"], "age")["question"]["myself"]["en"] = new
    client = make_app(CHECKLIST_PATH=str(write_checklist(checklist_data))).test_client()
    client.get(f"/?lang={code}")
    begin(client, "myself")
    for sign in ["appearance", "behaviour", "work", "housing", "control"]:
        answer(client, sign, "no")
    page = parse(client.get("/questions/age"))
    heading = page.select_one("h1")
    assert text_of(heading) == new and heading["lang"] == "en" and heading["dir"] == "ltr"
    assert text_of(page.select_one(".translation-note")) == note_in(code)
    # Its answers have not changed: still in the page's language.
    labels = page.select("label.radios__label")
    assert [text_of(label) for label in labels] == [
        option.label[code] for option in UK.options_for(UK.question("age"))
    ]
    assert not any(label.has_attr("lang") for label in labels)
    answer(client, "age", "adult")
    answers = parse(client.get("/check-your-answers"))
    asked = [dt for dt in answers.select("dt") if text_of(dt) == new]
    assert len(asked) == 1 and asked[0]["lang"] == "en"
    hidden = answers.select_one(".summary-list__actions span[lang=en]")
    assert hidden is not None and text_of(hidden) == new
    assert text_of(answers.select_one(".translation-note")) == note_in(code)


# Translation sheets: only what is out of date, and back in with its fingerprint


def test_a_stale_sheet_holds_only_the_stale_texts(changed):
    entries = yaml.safe_load(translation_sheet(changed, None, "ro", stale_only=True))
    assert entries == [
        {
            "place": HOUSING,
            "en": NEW_HOUSING,
            "ro": "",
            "out_of_date_ro": UK.question("housing").question["someone_else"]["ro"],
        },
        {
            "place": HOURS,
            "en": NEW_HOURS,
            "ro": "",
            "out_of_date_ro": UK.contact("helpline").hours["ro"],
        },
    ]
    assert yaml.safe_load(translation_sheet(REAL_CHECKLIST, None, "ro", stale_only=True)) == []


def filled(sheet: str, code: str) -> str:
    entries = yaml.safe_load(sheet)
    for entry in entries:
        entry[code] = f"[{code}] {entry['en']}"
    return yaml.safe_dump(entries, allow_unicode=True)


def test_a_filled_stale_sheet_updates_only_its_texts_and_their_records(changed):
    before = changed.read_text(encoding="utf-8")
    text = add_translation(
        changed, filled(translation_sheet(changed, None, "ro", stale_only=True), "ro"), "ro"
    )
    changed.write_text(text, encoding="utf-8")
    checklist = load_checklist(changed)
    hours = checklist.contact("helpline").hours
    assert hours["ro"] == f"[ro] {NEW_HOURS}"
    assert hours.translated_from["ro"] == fingerprint(NEW_HOURS)
    assert hours.stale == ("sq", "vi", "ar") and hours.withheld == ("sq", "vi", "ar")
    housing = checklist.question("housing").question["someone_else"]
    assert housing["ro"] == f"[ro] {NEW_HOUSING}" and housing.stale == ("sq", "vi", "ar")
    # Two texts and their two records changed; every other line is as it was.
    old, new = before.splitlines(), text.splitlines()
    assert len(old) == len(new)
    differing = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert len(differing) == 4, differing
    assert all(b.lstrip().startswith(("ro:", "translated_from:")) for _, b in differing)
    assert load_checklist(changed).languages == UK.languages
    assert (
        load_checklist(changed).awaiting_native_speaker_review == UK.awaiting_native_speaker_review
    )


def test_a_sheet_for_a_language_the_file_has_may_hold_only_stale_texts(changed):
    sheet = yaml.safe_load(translation_sheet(changed, None, "ro", stale_only=True))
    sheet.append({"place": "service_name", "en": UK.service_name["en"], "ro": "Altceva"})
    with pytest.raises(ChecklistError) as caught:
        add_translation(changed, yaml.safe_dump(sheet, allow_unicode=True), "ro")
    report = str(caught.value)
    assert len(caught.value.faults) == 3, report
    assert "service_name: the ro text here is up to date" in report
    assert f"{HOURS}: no ro text on the sheet" in report


def test_a_sheet_made_before_the_english_changed_again_is_refused(changed):
    sheet = filled(translation_sheet(changed, None, "ro", stale_only=True), "ro")
    later = changed.read_text(encoding="utf-8").replace(NEW_HOURS, "9am to 5pm, every day")
    changed.write_text(later, encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        add_translation(changed, sheet, "ro")
    assert len(caught.value.faults) == 1
    assert (
        f"{HOURS}: the en text here has changed since the sheet was made: translate it again "
        "from a new sheet (`translation-sheet ro --stale`)"
    ) in str(caught.value)


def test_a_new_language_records_a_fingerprint_for_every_text(tmp_path):
    target = tmp_path / "checklist.yaml"
    target.write_text(
        add_translation(
            REAL_CHECKLIST, filled(translation_sheet(REAL_CHECKLIST, None, "xx"), "xx"), "xx"
        ),
        encoding="utf-8",
    )
    checklist = load_checklist(target)
    for placed in every_text(checklist):
        assert placed.text.translated_from["xx"] == fingerprint(placed.text.source), placed.place
        assert placed.text.stale == ()


def test_the_commands_bring_a_language_up_to_date(changed, tmp_path):
    runner = CliRunner()
    sheet = runner.invoke(checklist_group, ["translation-sheet", "sq", str(changed), "--stale"])
    assert sheet.exit_code == 0, sheet.output
    assert sheet.output.startswith("# Translate each `en` text into `sq`")
    path = tmp_path / "sq.yaml"
    path.write_text(yaml.safe_dump(yaml.safe_load(sheet.output)[:1]), encoding="utf-8")
    refused = runner.invoke(checklist_group, ["add-translation", "sq", str(path), str(changed)])
    assert refused.exit_code == 1
    assert "no sq text on the sheet" in refused.output
    unchanged = changed.read_text(encoding="utf-8")

    path.write_text(filled(sheet.output, "sq"), encoding="utf-8")
    updated = runner.invoke(checklist_group, ["add-translation", "sq", str(path), str(changed)])
    assert updated.exit_code == 0, updated.output
    assert f"updated the sq texts on the sheet in {changed}" in updated.output
    assert changed.read_text(encoding="utf-8") != unchanged
    stale = {p.place: p.text.stale for p in every_text(load_checklist(changed)) if p.text.stale}
    assert stale == {HOURS: ("ro", "vi", "ar"), HOUSING: ("ro", "vi", "ar")}


def test_a_translation_must_record_what_it_was_made_from(checklist_data, write_checklist):
    by_id(checklist_data["rules"], "do_not_confront")["heading"].pop("translated_from")
    by_id(checklist_data["contacts"], "glaa")["name"]["translated_from"]["sq"] = "12345678"
    by_id(checklist_data["contacts"], "glaa")["name"]["translated_from"]["fr"] = "abcdefgh"
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write_checklist(checklist_data))
    report = str(caught.value)
    assert len(caught.value.faults) == 2, report
    now = fingerprint("Do not confront anyone")
    assert (
        "(id 'do_not_confront') → heading: nothing records which 'en' text the 'ro', 'sq', "
        "'vi' and 'ar' texts translate: `flask checklist add-translation` records it; by hand, "
        f"add ro: {now}, sq: {now}, vi: {now}, ar: {now} to `translated_from`"
    ) in report
    assert "`translated_from` for 'sq' is '12345678', not a fingerprint" in report
    assert "`translated_from` names 'fr', which is not among the checklist's languages" in report


# The interface catalogues: gettext's own fuzzy flag


def test_validate_reports_fuzzy_and_untranslated_interface_messages(tmp_path, monkeypatch):
    copy = tmp_path / "translations"
    shutil.copytree(app.pages.languages.TRANSLATIONS, copy)
    for code, change in [("ro", "fuzzy"), ("ar", "empty")]:
        path = copy / code / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as po:
            catalogue = read_po(po)
        if change == "fuzzy":
            catalogue["Leave this site"].flags.add("fuzzy")
        else:
            catalogue["Start again"].string = ""
        with path.open("wb") as po:
            write_po(po, catalogue)
    monkeypatch.setattr(app.pages.languages, "TRANSLATIONS", copy)
    runner = CliRunner()
    result = runner.invoke(checklist_group, ["validate", str(REAL_CHECKLIST)])
    assert result.exit_code == 0, result.output
    interface = [line for line in result.output.splitlines() if "interface message" in line]
    assert interface == [
        f"warning: translate again the 'ro' interface message 'Leave this site' "
        f"({copy / 'ro' / 'LC_MESSAGES' / 'messages.po'}): it is marked fuzzy, its English "
        "having changed since it was translated, so pages show the English; remove the mark "
        "when it is done",
        f"warning: translate the 'ar' interface message 'Start again' "
        f"({copy / 'ar' / 'LC_MESSAGES' / 'messages.po'}): until then pages show the English",
    ]
    strict = runner.invoke(checklist_group, ["validate", "--strict", str(REAL_CHECKLIST)])
    assert strict.exit_code == 1
    assert "error: translate again the 'ro' interface message 'Leave this site'" in strict.output
