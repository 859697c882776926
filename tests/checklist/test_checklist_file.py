"""The checklist file: the real one is valid, and a broken one is refused precisely."""

import pytest

from app import create_app
from app.checklist import ChecklistError, load_checklist
from app.checklist.source import MAX_FILE_BYTES
from tests.support.project import PROJECT_ROOT, REAL_CHECKLIST, TEST_SECRET, validate

# Files with one kind of fault each. The first lines say what is broken, and
# `# expect: a | b | …` lists what the report must contain (the place, the fault).
BROKEN_CHECKLISTS = sorted(
    (PROJECT_ROOT / "tests" / "checklist" / "broken_checklists").glob("*.yaml")
)


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


def test_validate_command_accepts_the_real_file():
    result = validate(str(REAL_CHECKLIST))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "ok"
    assert "6 questions (5 signs), 8 contacts, 10 rules" in result.stdout
    assert "safety: all 1,458 combinations of audience and answers checked" in result.stdout


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


def expected_in_report(path) -> list[str]:
    # Read as bytes: one of the files is deliberately not UTF-8 after its comments.
    for line in path.read_bytes().splitlines():
        if line.startswith(b"# expect:"):
            return [part.strip() for part in line.decode().removeprefix("# expect:").split("|")]
    raise AssertionError(f"{path.name} has no '# expect:' line")


def test_the_broken_files_cover_every_kind_of_fault():
    names = {path.stem for path in BROKEN_CHECKLISTS}
    assert len(names) >= 15
    assert {"empty", "not_utf8", "oversized", "python_object_tag", "yaml_syntax_error"} <= names
    assert (
        PROJECT_ROOT / "tests" / "checklist" / "broken_checklists" / "oversized.yaml"
    ).stat().st_size > (MAX_FILE_BYTES)


@pytest.mark.parametrize("path", BROKEN_CHECKLISTS, ids=lambda path: path.stem)
def test_a_broken_file_is_refused_naming_the_file_the_place_and_the_fault(path):
    result = validate(str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    report = result.stderr
    assert "Traceback" not in report
    heading, *faults = report.splitlines()
    assert heading.startswith(f"{path}: ")
    assert faults and all(line.startswith(f"  - {path}") for line in faults), report
    for expected in expected_in_report(path):
        assert expected in report, f"{expected!r} is not in:\n{report}"

    # The app refuses to start with the very same report.
    with pytest.raises(ChecklistError) as caught:
        create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET, "CHECKLIST_PATH": str(path)})
    assert str(caught.value) == report.rstrip("\n")
