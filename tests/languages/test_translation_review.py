"""Honest about translations: a language nobody fluent who knows the subject has read is
listed in the checklist, and start-up and `flask checklist validate` say so until it is
removed from the list."""

import logging

import pytest

from app import create_app
from app.checklist import ChecklistError, load_checklist
from tests.support.project import CHECKLIST_FILES, PROJECT_ROOT, TEST_SECRET, validate

MARK = "awaiting_native_speaker_review"
WARNING = "reviewed by a native speaker who knows the subject"


def signed_off(checklist) -> set[str]:
    """Languages whose last native review, as `apply-review` records it, left nothing open.
    None of checklist.yaml's yet."""
    return {
        code
        for code, reviews in (checklist.native_review or {}).items()
        if reviews and reviews[-1].open == 0
    }


def review_warnings(text: str) -> list[str]:
    return [line for line in text.splitlines() if WARNING in line]


def test_every_translation_of_the_uk_check_is_marked_until_reviewed():
    """English is the source; every other language stays marked until a native review that
    left nothing open is recorded in the file. A language added without the mark (by hand,
    not by `add-translation`) fails."""
    checklist = load_checklist(PROJECT_ROOT / "checklist.yaml")
    reviewed = signed_off(checklist)
    expected = [c for c in checklist.languages if c != "en" and c not in reviewed]
    assert list(checklist.awaiting_native_speaker_review) == expected


def test_the_romanian_check_marks_both_its_languages():
    checklist = load_checklist(PROJECT_ROOT / "checklists" / "romania.yaml")
    assert checklist.awaiting_native_speaker_review == ("ro", "en")


@pytest.mark.parametrize("path", CHECKLIST_FILES, ids=lambda path: path.name)
def test_validate_warns_about_each_unreviewed_language(path):
    checklist = load_checklist(path)
    result = validate(str(path))
    assert result.returncode == 0, result.stderr
    warnings = review_warnings(result.stderr)
    assert len(warnings) == len(checklist.awaiting_native_speaker_review) > 0
    for code, warning in zip(checklist.awaiting_native_speaker_review, warnings, strict=True):
        assert warning.startswith(f"warning: have everything in '{code}'"), warning
        assert f"then remove '{code}' from `{MARK}`" in warning


def test_start_up_warns_about_each_unreviewed_language(caplog):
    awaiting = load_checklist(PROJECT_ROOT / "checklist.yaml").awaiting_native_speaker_review
    with caplog.at_level(logging.WARNING):
        create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET})
    warnings = review_warnings(caplog.text)
    assert len(warnings) == len(awaiting) > 0
    for code, warning in zip(awaiting, warnings, strict=True):
        assert f"Before going live: have everything in '{code}'" in warning


def test_an_emptied_list_stops_the_warnings(checklist_data, write_checklist, caplog):
    checklist_data[MARK] = []
    path = write_checklist(checklist_data)
    with caplog.at_level(logging.WARNING):
        create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET, "CHECKLIST_PATH": str(path)})
    assert review_warnings(caplog.text) == []
    result = validate(str(path))
    assert result.returncode == 0, result.stderr
    assert review_warnings(result.stderr) == []
    # The other warnings are still given: only the review's went.
    assert "warning: complete the organisation section" in result.stderr


def test_the_list_may_name_only_the_files_languages(checklist_data, write_checklist):
    checklist_data[MARK] = ["ro", "EN"]
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write_checklist(checklist_data))
    assert f"{MARK} → item 2: 'EN' is not a language code" in str(caught.value)
    checklist_data[MARK] = ["ro", "xx", "ro"]
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write_checklist(checklist_data))
    report = str(caught.value)
    languages = ", ".join(checklist_data["languages"])
    assert f"{MARK} → item 2: 'xx' is not one of `languages` ({languages})" in report
    assert f"{MARK} → item 3: 'ro' is listed twice" in report
    assert len(caught.value.faults) == 2, report
