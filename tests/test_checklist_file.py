"""The checklist file: the real one is valid, and a broken one is refused precisely."""

import copy
import os
import subprocess
import sys

import pytest

from app import create_app
from app.checklist import ChecklistError, load_checklist
from app.checklist.source import MAX_FILE_BYTES
from tests.conftest import PROJECT_ROOT, REAL_CHECKLIST, TEST_SECRET


def test_the_real_checklist_is_valid_and_immutable():
    checklist = load_checklist(REAL_CHECKLIST)
    assert [q.id for q in checklist.signs] == [
        "appearance",
        "behaviour",
        "work",
        "housing",
        "control",
    ]
    assert checklist.audience_ids == ("someone_else", "myself")
    with pytest.raises(TypeError):
        checklist.questions[0].question["myself"] = {"en": "changed"}
    with pytest.raises(ValueError, match="frozen"):
        checklist.questions[0].id = "changed"


def test_every_contact_names_its_source():
    for contact in load_checklist(REAL_CHECKLIST).contacts:
        assert contact.source.startswith("https://"), contact.id


def question(data, question_id):
    return next(q for q in data["questions"] if q["id"] == question_id)


def rule(data, rule_id):
    return next(r for r in data["rules"] if r["id"] == rule_id)


# Each case: how to break a copy of the real file, then what the report must say.
BROKEN_DATA = {
    "sign missing an audience wording": (
        lambda d: question(d, "work")["question"].pop("myself"),
        ["questions → item 3 (id 'work') → question", "no wording for the audience 'myself'"],
    ),
    "duplicate question id": (
        lambda d: question(d, "housing").update(id="work"),
        ["questions → item 4 (id 'work') → id", "'work' is already used by item 3"],
    ),
    "rule names an unknown contact": (
        lambda d: rule(d, "labour_exploitation")["contacts"].append("hmrc"),
        ["rules → item 4 (id 'labour_exploitation') → contacts → item 2", "no contact 'hmrc'"],
    ),
    "rule names an unknown question": (
        lambda d: rule(d, "labour_exploitation")["when"]["answers"].update(job=["yes"]),
        ["→ when → answers → job", "there is no question 'job'"],
    ),
    "rule names an unknown answer": (
        lambda d: rule(d, "child_someone_else")["when"]["any_of"][0]["answers"].update(
            age=["child"]
        ),
        ["when → any_of → item 1 → answers → age → item 1", "has no answer 'child'"],
    ),
    "sign without noticed wording": (
        lambda d: question(d, "behaviour").pop("noticed"),
        ["questions → item 2 (id 'behaviour')", "a sign needs `noticed`"],
    ),
    "missing required field": (
        lambda d: d["contacts"][1].pop("source"),
        ["contacts → item 2 (id 'helpline') → source", "required field is missing"],
    ),
    "wrong type": (
        lambda d: d["contacts"][1].update(anonymous="perhaps"),
        [
            "contacts → item 2 (id 'helpline') → anonymous",
            "expected true or false but found 'perhaps'",
        ],
    ),
    "malformed phone number": (
        lambda d: d["contacts"][1].update(phone="08000-121-700"),
        ["contacts → item 2 (id 'helpline') → phone", "is not a phone number"],
    ),
    "contact address not https": (
        lambda d: d["contacts"][1].update(web="http://www.modernslaveryhelpline.org/"),
        ["contacts → item 2 (id 'helpline') → web", "starting with https://"],
    ),
    "unknown language code": (
        lambda d: d["service_name"].update(fr="Vérifier"),
        ["service_name", "'fr' is not among the checklist's languages (en)"],
    ),
    "language without its texts": (
        lambda d: d.update(languages=["en", "ro"]),
        ["service_name", "no translation for 'ro'"],
    ),
    "default language not listed": (
        lambda d: d.update(default_language="ro"),
        ["default_language", "'ro' is not one of `languages`"],
    ),
    "misspelt field": (
        lambda d: question(d, "age").update(hnit=question(d, "age")["hint"]),
        ["questions → item 6 (id 'age') → hnit", "not part of a checklist"],
    ),
    "unquoted yes read as true": (
        lambda d: d["answer_sets"][0]["options"][0].update(id=True),
        ["answer_sets → item 1 (id 'yes_no_not_sure') → options → item 1 → id", 'quotes ("yes")'],
    ),
}


@pytest.mark.parametrize("case", BROKEN_DATA, ids=list(BROKEN_DATA))
def test_a_broken_checklist_is_refused_naming_file_place_and_fault(
    case, checklist_data, write_checklist
):
    breaking, expected = BROKEN_DATA[case]
    data = copy.deepcopy(checklist_data)
    breaking(data)
    path = write_checklist(data)
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path)
    report = str(caught.value)
    assert str(path) in report
    assert "line " in report
    for fragment in expected:
        assert fragment in report


BROKEN_TEXT = {
    "yaml syntax error": ("country: GB\nquestions: [\n  - id: x\n", ["line 3", "not valid YAML"]),
    "empty file": ("", ["the file is empty"]),
    "wrong top-level type": ("- just\n- a list\n", ["must be a mapping"]),
    "python object tag": (
        "languages: !!python/object/apply:os.system ['true']\n",
        ["line 1", "YAML tag that is not allowed"],
    ),
    "duplicate key": ("country: GB\ncountry: RO\n", ["line 2", "'country' appears twice"]),
}


@pytest.mark.parametrize("case", BROKEN_TEXT, ids=list(BROKEN_TEXT))
def test_an_unreadable_file_is_refused_with_a_plain_message(case, write_checklist):
    text, expected = BROKEN_TEXT[case]
    path = write_checklist(text)
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path)
    for fragment in expected:
        assert fragment in str(caught.value)


def test_a_file_that_is_not_utf8_is_refused(write_checklist):
    path = write_checklist("country: GB\nname: Bucure\u0219ti\n".encode("utf-16"))
    with pytest.raises(ChecklistError, match="not UTF-8"):
        load_checklist(path)


def test_an_oversized_file_is_refused(write_checklist):
    path = write_checklist("# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    with pytest.raises(ChecklistError, match="a checklist may be"):
        load_checklist(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ChecklistError, match="does not exist"):
        load_checklist(tmp_path / "nowhere.yaml")


def test_every_fault_is_reported_at_once(checklist_data, write_checklist):
    question(checklist_data, "work")["question"].pop("myself")
    checklist_data["contacts"][0].update(phone="nine nine nine")
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write_checklist(checklist_data))
    assert len(caught.value.faults) == 2
    assert "2 problems found" in str(caught.value)


def test_the_app_refuses_to_start_with_a_broken_checklist(checklist_data, write_checklist):
    checklist_data["rules"][0]["contacts"] = ["nobody"]
    path = write_checklist(checklist_data)
    with pytest.raises(ChecklistError, match="there is no contact 'nobody'"):
        create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET, "CHECKLIST_PATH": str(path)})


def validate(*args, env=None):
    """Run the operator's command exactly as the README gives it."""
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "checklist", "validate", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=PROJECT_ROOT,
        check=False,
    )


def test_validate_command_accepts_the_real_file():
    result = validate(str(REAL_CHECKLIST))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "ok"
    assert "6 questions (5 signs), 7 contacts, 9 rules" in result.stdout


def test_validate_command_prints_every_fault_and_fails(checklist_data, write_checklist):
    question(checklist_data, "work")["question"].pop("myself")
    checklist_data["contacts"][0].update(phone="nine nine nine")
    path = write_checklist(checklist_data)
    result = validate(str(path))
    assert result.returncode == 1
    assert "no wording for the audience 'myself'" in result.stderr
    assert "'nine nine nine' is not a phone number" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_command_defaults_to_the_configured_file_even_when_broken(write_checklist):
    result = validate(env={"FLASK_CHECKLIST_PATH": str(write_checklist(""))})
    assert result.returncode == 1
    assert "the file is empty" in result.stderr
    assert "Traceback" not in result.stderr


# Each of these once came with knock-on faults that repeated it in pydantic's words, such
# as "questions: tuple should have at least 1 item after validation, not 0": the list
# looked too short once its one broken item was left out.
def only_sign_lacks_a_wording(data):
    data["questions"] = [question(data, "work")]
    data["questions"][0]["question"].pop("myself")


def only_two_options_one_unquoted(data):
    answer_set = data["answer_sets"][0]
    answer_set["options"] = answer_set["options"][:2]
    answer_set["options"][0]["id"] = True


def language_named_in_words(data):
    data["languages"] = ["English"]


ONE_FAULT_ONLY = {
    "the only sign lacks a wording": (
        only_sign_lacks_a_wording,
        "no wording for the audience 'myself'",
    ),
    "one of two options is an unquoted yes": (only_two_options_one_unquoted, 'quotes ("yes")'),
    "a language named in words": (language_named_in_words, "'English' is not a language code"),
}


@pytest.mark.parametrize("case", ONE_FAULT_ONLY, ids=list(ONE_FAULT_ONLY))
def test_one_fault_is_reported_once_in_plain_words(case, checklist_data, write_checklist):
    breaking, expected = ONE_FAULT_ONLY[case]
    breaking(checklist_data)
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write_checklist(checklist_data))
    report = str(caught.value)
    assert expected in report
    assert "1 problem found" in report, report
    assert "tuple" not in report and "after validation" not in report


def test_a_list_that_is_too_short_says_so_in_plain_words(checklist_data, write_checklist):
    checklist_data["answer_sets"][0]["options"] = checklist_data["answer_sets"][0]["options"][:1]
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write_checklist(checklist_data))
    assert "options: this list needs at least 2 items; it has 1" in str(caught.value)
