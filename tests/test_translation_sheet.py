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
# A language the UK checklist does not have (Welsh), to add on a copy.
NEW = "cy"
# Characters that YAML reads specially, so that every way of writing a text back is tried.
AWKWARD = ' "quoted" #not-a-comment: yes'


def _filled(sheet: str, language: str) -> list[dict]:
    entries = yaml.safe_load(sheet)
    for entry in entries:
        entry[language] = "Ë " + entry["en"] + AWKWARD
    return entries


def _languages_line(text: str) -> str:
    return re.search(r"^languages: .*$", text, flags=re.MULTILINE).group()


def _words(text: str) -> str:
    return " ".join(text.split())


def test_a_sheet_names_every_text_once_with_its_source():
    entries = yaml.safe_load(translation_sheet(CHECKLIST, "en", NEW))
    raw = CHECKLIST.read_text(encoding="utf-8")
    places = [entry["place"] for entry in entries]
    assert len(places) == len(set(places))
    # Every text in the file has an English line: one entry each.
    assert len(entries) == len(re.findall(r"^ +en:", raw, flags=re.MULTILINE))
    assert {"place": "service_name", "en": "Check for signs of modern slavery", NEW: ""} in entries


def test_a_filled_sheet_goes_back_beside_the_other_languages(tmp_path):
    entries = _filled(translation_sheet(CHECKLIST, "en", NEW), NEW)
    text = add_translation(CHECKLIST, yaml.safe_dump(entries, allow_unicode=True), NEW)
    target = tmp_path / "checklist.yaml"
    target.write_text(text, encoding="utf-8")

    read_back = yaml.safe_load(translation_sheet(target, NEW, "xx"))
    assert {e["place"]: _words(e[NEW]) for e in read_back} == {
        e["place"]: _words(e[NEW]) for e in entries
    }
    # Only lines were added: every line of the original is still there, in order.
    original = CHECKLIST.read_text(encoding="utf-8").splitlines()
    added = iter(text.splitlines())
    assert all(any(line == other for other in added) for line in original[15:])
    assert _languages_line(text) == _languages_line(CHECKLIST.read_text()).replace("]", f", {NEW}]")


def test_a_sheet_with_a_text_left_out_is_refused_by_place():
    entries = _filled(translation_sheet(CHECKLIST, "en", NEW), NEW)
    entries[0][NEW] = "  "
    with pytest.raises(ChecklistError, match=r"service_name.*no cy text on the sheet"):
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
    assert "no cy text on the sheet" in refused.output
    assert target.read_text(encoding="utf-8") == CHECKLIST.read_text(encoding="utf-8")

    (tmp_path / "full.yaml").write_text(
        yaml.safe_dump(_filled(sheet.output, NEW), allow_unicode=True), encoding="utf-8"
    )
    added = runner.invoke(
        checklist_group, ["add-translation", NEW, str(tmp_path / "full.yaml"), str(target)]
    )
    assert added.exit_code == 0, added.output
    assert load_checklist(target).languages == (*load_checklist(CHECKLIST).languages, NEW)
