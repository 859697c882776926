"""`flask checklist matrix`: one line per combination of audience and answers, with the
rules that apply and the contacts shown; `--html DIR` writes each distinct outcome's page.
And the enumeration behind it, shared with the start-up safety checks."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from app.checklist import load_checklist
from app.checklist.combinations import count_of_combinations, every_outcome
from app.checklist.rules import guidance_for
from app.cli import checklist_group
from tests.support.pages import complete_check, text_of
from tests.support.project import PROJECT_ROOT, REAL_CHECKLIST

ROMANIA = PROJECT_ROOT / "checklists" / "romania.yaml"
BROKEN = PROJECT_ROOT / "tests" / "checklist" / "broken_checklists"
QUESTION_IDS = ["appearance", "behaviour", "work", "housing", "control", "age"]
HEADER = ["audience", *QUESTION_IDS, "rules", "contacts", "outcome"]


def matrix(*args):
    result = CliRunner().invoke(checklist_group, ["matrix", *map(str, args)])
    return result


def csv_rows(output: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(output)))


@pytest.mark.parametrize("path", [REAL_CHECKLIST, ROMANIA], ids=["uk", "romania"])
def test_the_matrix_has_one_row_per_combination_in_a_stable_order(path):
    result = matrix(path)
    assert result.exit_code == 0, result.output
    header, *rows = csv_rows(result.stdout)
    assert header == HEADER
    assert len(rows) == 2 * 3**6 == 1_458
    # Every combination exactly once, audiences then answers in the file's order.
    combinations = [tuple(row[:7]) for row in rows]
    assert len(set(combinations)) == len(rows)
    assert rows[0][:7] == ["someone_else", "yes", "yes", "yes", "yes", "yes", "under_18"]
    assert rows[-1][:7] == ["myself", *["not_sure"] * 5, "unknown"]
    assert matrix(path).stdout == result.stdout, "two runs differ"
    # Every row starts with the emergency rule and its contact.
    assert all(row[7].split()[0] == "immediate_danger" for row in rows)
    assert all(row[8].split()[0] == "emergency" for row in rows)


def test_the_matrix_says_what_the_guidance_page_shows(client):
    _, *rows = csv_rows(matrix(REAL_CHECKLIST).stdout)
    answers = {"work": "yes", "control": "not_sure", "age": "under_18"}
    row = next(
        r
        for r in rows
        if r[0] == "someone_else"
        and dict(zip(QUESTION_IDS, r[1:7], strict=True))
        == {**dict.fromkeys(QUESTION_IDS[:5], "no"), **answers}
    )
    page = BeautifulSoup(complete_check(client, answers, age="under_18").data, "html.parser")
    sections = [h2["id"].removeprefix("guidance-") for h2 in page.select("section.guidance h2")]
    contacts = [h3["id"].removeprefix("contact-") for h3 in page.select(".contact h3")]
    assert row[7].split() == sections
    assert row[8].split() == contacts


def test_the_table_format_lines_up_its_columns():
    result = matrix("--format", "table", REAL_CHECKLIST)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 1_458
    header = lines[0]
    assert header.split() == HEADER
    rules_column = header.index("rules")
    for line in lines[1:]:
        assert line[rules_column - 2 : rules_column] == "  "
        assert line[rules_column:].startswith("immediate_danger")


def test_the_documented_command_works():
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "checklist", "matrix", "--format", "csv"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "FLASK_CHECKLIST_PATH": str(ROMANIA)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    _, *rows = csv_rows(result.stdout)
    assert len(rows) == 1_458
    assert "telefonul_copilului" in {contact for row in rows for contact in row[8].split()}


def test_html_writes_each_distinct_outcome_as_the_service_shows_it(tmp_path, make_app):
    folder = tmp_path / "review"
    result = matrix("--html", folder, REAL_CHECKLIST)
    assert result.exit_code == 0, result.output
    _, *rows = csv_rows(result.stdout)
    outcomes = sorted({row[-1] for row in rows})
    pages = sorted(path.name for path in folder.glob("outcome-*.html"))
    languages = load_checklist(REAL_CHECKLIST).languages
    assert pages == sorted(f"outcome-{n}.{lang}.html" for n in outcomes for lang in languages)

    index = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert sorted(a["href"] for a in index.select("a")) == pages
    assert f"{len(outcomes)} distinct outcomes for 1,458 combinations" in text_of(index)

    # The page is the one the app serves: same sections and contacts, its stylesheet inside.
    first = next(row for row in rows if row[-1] == outcomes[0])
    page = BeautifulSoup(
        (folder / f"outcome-{outcomes[0]}.en.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.html["lang"] == "en"
    assert page.select("link[rel=stylesheet]") == [] and page.select_one("style") is not None
    assert text_of(page.select_one("h1")) == "What you can do next"
    sections = [h2["id"].removeprefix("guidance-") for h2 in page.select("section.guidance h2")]
    assert sections == first[7].split()
    romanian = BeautifulSoup(
        (folder / f"outcome-{outcomes[0]}.ro.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert romanian.html["lang"] == "ro"
    assert text_of(romanian.select_one("h1")) == "Ce puteți face în continuare"


def test_an_unsafe_file_is_shown_with_a_warning_but_no_pages(tmp_path):
    path = BROKEN / "unsafe_only_the_emergency_number.yaml"
    result = matrix(path)
    assert result.exit_code == 0
    _, *rows = csv_rows(result.stdout)
    lonely = [row for row in rows if row[-3] == "immediate_danger"]
    assert [row[:3] for row in lonely] == [["someone_else", "no", "adult"]]
    assert "fails 1 safety rule(s)" in result.stderr
    refused = matrix("--html", tmp_path / "pages", path)
    assert refused.exit_code == 1
    assert not (tmp_path / "pages").exists()


def test_a_broken_file_is_reported_not_tabled():
    result = matrix(BROKEN / "rule_names_unknown_contact.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "there is no contact 'hmrc'" in result.stderr


@pytest.mark.parametrize("path", [REAL_CHECKLIST, ROMANIA], ids=["uk", "romania"])
def test_the_enumeration_covers_every_combination_once(path):
    checklist = load_checklist(path)
    outcomes = list(every_outcome(checklist))
    assert len(outcomes) == count_of_combinations(checklist) == 1_458
    keys = {(o.combination.audience, tuple(o.combination.answers.items())) for o in outcomes}
    assert len(keys) == len(outcomes)
    for outcome in outcomes[::97]:
        combination = outcome.combination
        blocks = guidance_for(checklist, combination.audience, combination.answers)
        assert tuple(blocks) == outcome.blocks
