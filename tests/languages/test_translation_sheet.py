"""A translator's sheet: every text out, every translation back in beside the others."""

import re
import shutil

import pytest
import yaml
from click.testing import CliRunner

from app.checklist import ChecklistError, load_checklist
from app.checklist.translation_sheet import add_translation, translation_sheet
from app.cli import checklist_group
from tests.support.project import PROJECT_ROOT

CHECKLIST = PROJECT_ROOT / "checklist.yaml"
# A language code no checklist offers, so that these tests hold whatever languages it has.
NEW = "xx"
# Characters that YAML reads specially, so that every way of writing a text back is tried.
AWKWARD = ' "quoted" #not-a-comment: yes'


# Texts that go into a page's title, which validation keeps short (docs/content-editors.md,
# "Page titles"): filled with the awkward characters alone.
IN_A_TITLE = {"service_name", "short_service_name"}


def _filled(sheet: str, language: str) -> list[dict]:
    entries = yaml.safe_load(sheet)
    for entry in entries:
        if entry["place"] in IN_A_TITLE:
            entry[language] = "Ë" + AWKWARD
        else:
            entry[language] = "Ë " + entry["en"] + AWKWARD
    return entries


def _words(text: str) -> str:
    return " ".join(text.split())


def test_a_sheet_names_every_text_once_with_its_source():
    entries = yaml.safe_load(translation_sheet(CHECKLIST, "en", NEW))
    raw = CHECKLIST.read_text(encoding="utf-8")
    places = [entry["place"] for entry in entries]
    assert len(places) == len(set(places))
    # Every text in the file has an English and a Romanian line: one entry each.
    assert len(entries) == len(re.findall(r"^ +ro:", raw, flags=re.MULTILINE))
    assert {"place": "service_name", "en": "Check for signs of modern slavery", NEW: ""} in entries


def test_a_filled_sheet_goes_back_beside_the_other_languages(tmp_path):
    entries = _filled(translation_sheet(CHECKLIST, "en", NEW), NEW)
    text = add_translation(CHECKLIST, yaml.safe_dump(entries, allow_unicode=True), NEW)
    target = tmp_path / "checklist.yaml"
    target.write_text(text, encoding="utf-8")

    read_back = yaml.safe_load(translation_sheet(target, NEW, "yy"))
    assert {e["place"]: _words(e[NEW]) for e in read_back} == {
        e["place"]: _words(e[NEW]) for e in entries
    }
    # Only lines were added: every line of the original is still there, in order, but for
    # the two lists that name the languages and each text's record of what its translations
    # were made from, which gains the new language.
    listing = ("languages:", "awaiting_native_speaker_review:")
    original = CHECKLIST.read_text(encoding="utf-8").splitlines()
    added = iter(text.splitlines())
    assert all(
        any(line == other for other in added)
        for line in original
        if not line.startswith(listing) and not line.lstrip().startswith("translated_from:")
    )
    assert f"languages: [{', '.join([*load_checklist(CHECKLIST).languages, NEW])}]" in text
    # Nobody has reviewed the new translation yet, so the file says so.
    awaiting = load_checklist(CHECKLIST).awaiting_native_speaker_review
    assert f"awaiting_native_speaker_review: [{', '.join([*awaiting, NEW])}]" in text


def test_a_new_translation_is_marked_unreviewed_in_a_file_without_the_list(tmp_path):
    source = tmp_path / "reviewed.yaml"
    source.write_text(
        re.sub(
            r"^awaiting_native_speaker_review: .*$",
            "",
            CHECKLIST.read_text(encoding="utf-8"),
            flags=re.MULTILINE,
        ),
        encoding="utf-8",
    )
    assert load_checklist(source).awaiting_native_speaker_review == ()
    entries = _filled(translation_sheet(source, "en", NEW), NEW)
    target = tmp_path / "checklist.yaml"
    target.write_text(
        add_translation(source, yaml.safe_dump(entries, allow_unicode=True), NEW),
        encoding="utf-8",
    )
    assert load_checklist(target).awaiting_native_speaker_review == (NEW,)


def test_the_language_lists_are_extended_however_they_are_spaced(tmp_path):
    source = tmp_path / "tight.yaml"
    source.write_text(
        re.sub(
            r"^(languages|awaiting_native_speaker_review): \[(.*)\]$",
            lambda line: f"{line[1]}: [{line[2].replace(', ', ',')}]",
            CHECKLIST.read_text(encoding="utf-8"),
            flags=re.MULTILINE,
        ),
        encoding="utf-8",
    )
    before = load_checklist(source)
    entries = _filled(translation_sheet(source, "en", NEW), NEW)
    target = tmp_path / "checklist.yaml"
    target.write_text(
        add_translation(source, yaml.safe_dump(entries, allow_unicode=True), NEW),
        encoding="utf-8",
    )
    after = load_checklist(target)
    assert after.languages == (*before.languages, NEW)
    assert after.awaiting_native_speaker_review == (*before.awaiting_native_speaker_review, NEW)


def test_a_sheet_with_a_text_left_out_is_refused_by_place():
    entries = _filled(translation_sheet(CHECKLIST, "en", NEW), NEW)
    entries[0][NEW] = "  "
    with pytest.raises(ChecklistError, match=rf"service_name.*no {NEW} text on the sheet"):
        add_translation(CHECKLIST, yaml.safe_dump(entries, allow_unicode=True), NEW)


def test_the_commands_write_a_file_that_loads_only_when_complete(tmp_path):
    target = tmp_path / "checklist.yaml"
    shutil.copy(CHECKLIST, target)
    runner = CliRunner()
    sheet = runner.invoke(checklist_group, ["translation-sheet", NEW, str(target)])
    assert sheet.exit_code == 0, sheet.output
    half = yaml.safe_load(sheet.output)
    (tmp_path / "half.yaml").write_text(yaml.safe_dump(half[:3]), encoding="utf-8")
    refused = runner.invoke(
        checklist_group, ["add-translation", NEW, str(tmp_path / "half.yaml"), str(target)]
    )
    assert refused.exit_code == 1
    assert f"no {NEW} text on the sheet" in refused.output
    assert target.read_text(encoding="utf-8") == CHECKLIST.read_text(encoding="utf-8")

    (tmp_path / "full.yaml").write_text(
        yaml.safe_dump(_filled(sheet.output, NEW), allow_unicode=True), encoding="utf-8"
    )
    added = runner.invoke(
        checklist_group, ["add-translation", NEW, str(tmp_path / "full.yaml"), str(target)]
    )
    assert added.exit_code == 0, added.output
    assert load_checklist(target).languages == (*load_checklist(CHECKLIST).languages, NEW)
