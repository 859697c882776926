"""Contacts know when they were last checked against their source: start-up and
`flask checklist validate` warn once that is longer ago than the file allows, naming the
contact and its source, and `validate --strict` refuses.

Today's date is never read in an assertion: `validate --on DAY` and `contacts_to_recheck`
take the day to judge by, and start-up is tested with a date long past."""

import logging
from datetime import date, timedelta

import pytest

from app.checklist import ChecklistError, load_checklist
from app.checklist.upkeep import contacts_to_recheck
from tests.support.project import CHECKLIST_FILES, REAL_CHECKLIST, validate

CHECKED = date(2026, 11, 28)  # what the shipped files say: see their comment on `checked`


def by_id(items: list[dict], item_id: str) -> dict:
    return next(item for item in items if item["id"] == item_id)


def recheck_lines(output: str, prefix: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{prefix}: re-check")]


@pytest.mark.parametrize("path", CHECKLIST_FILES, ids=lambda path: path.name)
def test_every_shipped_contact_says_when_and_against_what_it_was_checked(path):
    checklist = load_checklist(path)
    assert checklist.contacts_checked_within_days == 180
    for contact in checklist.contacts:
        assert contact.source.startswith("https://"), contact.id
        assert contact.checked == CHECKED, contact.id


def test_a_contact_is_due_the_day_after_its_period_ends():
    checklist = load_checklist(REAL_CHECKLIST)
    last_good_day = CHECKED + timedelta(days=180)
    assert contacts_to_recheck(checklist, last_good_day) == []
    due = contacts_to_recheck(checklist, last_good_day + timedelta(days=1))
    assert len(due) == len(checklist.contacts)
    for contact, note in zip(checklist.contacts, due, strict=True):
        assert note.startswith(f"re-check contact '{contact.id}' ({contact.name['en']})")
        assert f"against its source, {contact.source}:" in note
        assert "last checked on 2026-11-28, 181 days ago" in note


def test_validate_warns_about_each_contact_checked_too_long_ago():
    checklist = load_checklist(REAL_CHECKLIST)
    on_time = validate(str(REAL_CHECKLIST), "--on", "2027-05-27")
    assert on_time.returncode == 0, on_time.stderr
    assert recheck_lines(on_time.stderr, "warning") == []

    late = validate(str(REAL_CHECKLIST), "--on", "2027-05-28")
    assert late.returncode == 0, late.stderr
    assert late.stdout.splitlines()[0] == "ok"
    warnings = recheck_lines(late.stderr, "warning")
    assert len(warnings) == len(checklist.contacts)
    helpline = checklist.contact("helpline")
    assert (
        f"warning: re-check contact 'helpline' (Modern Slavery & Exploitation Helpline) against "
        f"its source, {helpline.source}: it was last checked on 2026-11-28, 181 days ago, and "
        "this file asks for every 180 days" in late.stderr
    )


def test_strict_refuses_an_old_checking_date(checklist_data, write_checklist):
    # A file with nothing else left to do, so that only the date can make --strict refuse.
    checklist_data["organisation"].pop("confirm_before_use")
    checklist_data["awaiting_native_speaker_review"] = []
    path = write_checklist(checklist_data)
    before = path.read_bytes()

    accepted = validate(str(path), "--strict", "--on", "2027-05-27")
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout.splitlines()[0] == "ok"
    assert "warning:" not in accepted.stderr

    refused = validate(str(path), "--strict", "--on", "2027-05-28")
    assert refused.returncode == 1
    assert refused.stdout == ""
    errors = recheck_lines(refused.stderr, "error")
    assert len(errors) == len(checklist_data["contacts"])
    assert f"{path}: refused by --strict: {len(errors)} thing(s) to do first" in refused.stderr
    assert path.read_bytes() == before


def test_strict_also_refuses_what_was_left_to_confirm():
    """--strict answers one question, may this file be served to the public as it is?, so
    the placeholders and the languages awaiting review refuse it too."""
    result = validate(str(REAL_CHECKLIST), "--strict", "--on", "2026-12-01")
    assert result.returncode == 1
    assert "error: complete the organisation section" in result.stderr
    assert "error: have everything in 'ro'" in result.stderr
    assert recheck_lines(result.stderr, "error") == []


def test_the_file_sets_how_often_contacts_are_checked(checklist_data, write_checklist):
    checklist_data["contacts_checked_within_days"] = 30
    by_id(checklist_data["contacts"], "glaa")["checked"] = date(2027, 1, 1)
    checklist = load_checklist(write_checklist(checklist_data))
    due = contacts_to_recheck(checklist, date(2027, 1, 31))
    assert len(due) == len(checklist.contacts) - 1
    assert not any("'glaa'" in note for note in due)
    assert len(contacts_to_recheck(checklist, date(2027, 2, 1))) == len(checklist.contacts)


def test_a_checking_date_after_today_is_warned_about(checklist_data, write_checklist):
    by_id(checklist_data["contacts"], "childline")["checked"] = date(2027, 3, 1)
    checklist = load_checklist(write_checklist(checklist_data))
    assert contacts_to_recheck(checklist, date(2027, 2, 1)) == [
        "contact 'childline' (Childline) says it was checked on 2027-03-01, after today "
        "(2027-02-01): set `checked` to the day it was checked against its source"
    ]


def test_start_up_warns_about_a_contact_checked_long_ago(
    checklist_data, write_checklist, make_app, caplog
):
    by_id(checklist_data["contacts"], "helpline")["checked"] = date(2000, 1, 1)
    with caplog.at_level(logging.WARNING):
        make_app(CHECKLIST_PATH=str(write_checklist(checklist_data)))
    warned = [line for line in caplog.text.splitlines() if "re-check contact" in line]
    assert len(warned) == 1, caplog.text
    assert "Before going live: re-check contact 'helpline'" in warned[0]
    assert "last checked on 2000-01-01" in warned[0]


@pytest.mark.parametrize(
    "checked, message",
    [
        (None, "this required field is missing"),
        ("last spring", "input should be a valid date"),
    ],
)
def test_a_contact_must_say_when_it_was_checked(checklist_data, write_checklist, checked, message):
    contact = by_id(checklist_data["contacts"], "nspcc")
    if checked is None:
        contact.pop("checked")
    else:
        contact["checked"] = checked
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write_checklist(checklist_data))
    assert len(caught.value.faults) == 1, str(caught.value)
    assert "contacts → item 6 (id 'nspcc') → checked: " + message in str(caught.value)


def test_the_period_must_be_a_positive_number_of_days(checklist_data, write_checklist):
    checklist_data["contacts_checked_within_days"] = 0
    with pytest.raises(ChecklistError, match="contacts_checked_within_days: input should be"):
        load_checklist(write_checklist(checklist_data))
