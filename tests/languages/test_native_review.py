"""A native speaker's review: the pack they read (every text as a person meets it, beside
its English, with the translator's doubts), and their sign-off applied to the checklist and
the interface catalogue, or refused, naming the place and the reason, with nothing written.

The commands run as an editor runs them, on copies of the checklist and the catalogues."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from click.testing import CliRunner

import app.pages.languages
from app.checklist import load_checklist
from app.checklist.file_edits import ChecklistFile
from app.checklist.outcomes import distinct_outcomes
from app.checklist.texts import texts_by_place
from app.cli import checklist_group
from app.review.sign_off import NATIVE_REVIEW_COMMENT
from tests.support.pages import complete_check, parse, text_of
from tests.support.project import PROJECT_ROOT, REAL_CHECKLIST

ROMANIA = PROJECT_ROOT / "checklists" / "romania.yaml"
UK = load_checklist(REAL_CHECKLIST)


@pytest.fixture
def files(tmp_path, monkeypatch):
    """Copies of the UK checklist and of the interface catalogues, which the commands use."""
    checklist = tmp_path / "checklist.yaml"
    shutil.copy(REAL_CHECKLIST, checklist)
    translations = tmp_path / "translations"
    shutil.copytree(app.pages.languages.TRANSLATIONS, translations)
    monkeypatch.setattr(app.pages.languages, "TRANSLATIONS", translations)
    return checklist, translations


def catalogue_of(translations, code):
    with (translations / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po)


def make_pack(checklist, code, folder):
    result = CliRunner().invoke(
        checklist_group, ["review-pack", code, str(checklist), "--out", str(folder)]
    )
    assert result.exit_code == 0, result.output
    html = folder / f"{code}-review.html"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser"), folder / (
        f"{code}-sign-off.yaml"
    )


def rows(pack):
    """The rows that carry a verdict, by place."""
    return {row.select_one(".place code").get_text(): row for row in pack.select("tr[id]")}


def test_the_pack_shows_every_text_once_beside_its_english(files, tmp_path):
    checklist, translations = files
    pack, _ = make_pack(checklist, "ar", tmp_path / "review")
    found = rows(pack)
    catalogue = [m for m in catalogue_of(translations, "ar") if m.id]
    places = set(texts_by_place(UK))
    interface = {"interface:" + (m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalogue}
    assert len(pack.select("tr[id]")) == len(places) + len(interface)
    assert set(found) == places | interface
    assert [row["id"] for row in pack.select("tr[id]")] == [
        f"text-{n}" for n in range(1, len(found) + 1)
    ]
    row = found["rules[do_not_confront].heading"]
    english, arabic = row.select("td.text")
    assert text_of(english) == "Do not confront anyone" and english["lang"] == "en"
    translated = arabic.select_one("div")
    assert translated["lang"] == "ar" and translated["dir"] == "rtl"
    assert text_of(translated) == UK.rules[3].heading["ar"]
    assert "Safety text" in text_of(row.select_one(".place"))
    assert [text_of(span) for span in row.select(".verdict span")] == [
        "☐ approved",
        "☐ corrected",
        "☐ query",
    ]
    message = found["interface:Leave this site"]
    assert (
        text_of(message.select("td.text")[1])
        == catalogue_of(translations, "ar")["Leave this site"].string
    )


def test_the_pack_follows_the_pages_a_person_meets(files, tmp_path):
    checklist, _ = files
    pack, _ = make_pack(checklist, "ro", tmp_path / "review")
    titles = [text_of(h2) for h2 in pack.select("main h2")]
    assert titles == [
        "On every page: the header, the quick exit and the footer",
        "The start page",
        "Leaving quickly, and staying safe online",
        "The questions",
        "Check your answers",
        "What to do next: the guidance",
        "On a kiosk (a shared screen)",
        "The accessibility statement, privacy notice and cookies page",
        "Error pages and other messages",
        "Posters and wallet cards",
    ]
    parts = [text_of(h3) for h3 in pack.select("main h3")]
    questions = [f"Question {n} ({q.id})" for n, q in enumerate(UK.questions, 1)]
    outcomes = [f"Outcome {outcome.number}" for outcome in distinct_outcomes(UK)]
    assert parts == questions + outcomes
    # A rule met in several outcomes has its verdict once, then a reminder that points to it.
    again = pack.select("tr.again")
    assert again
    assert all(row.select_one("a")["href"].startswith("#text-") for row in again)
    # The start page's words come in the order the page shows them.
    start = pack.select("main section")[1]
    placed = [code.get_text() for code in start.select(".place code")]
    assert placed[:2] == ["audiences[someone_else].label", "audiences[myself].label"]


def test_the_pack_is_one_self_contained_printable_file(files, tmp_path):
    checklist, _ = files
    pack, _ = make_pack(checklist, "vi", tmp_path / "review")
    assert pack.select("link, script, img, iframe, object") == []
    assert all(a["href"].startswith("#") for a in pack.select("a[href]"))
    assert not any(node.has_attr("src") for node in pack.find_all(True))
    style = pack.select_one("style").get_text()
    assert "@media print" in style and "break-inside: avoid" in style
    assert "url(" not in style and "@import" not in style


def test_the_translators_doubts_are_beside_the_texts_they_are_about(files, tmp_path):
    checklist, _ = files
    pack, _ = make_pack(checklist, "ar", tmp_path / "review")
    found = rows(pack)

    def doubts(place):
        return [text_of(d) for d in found[place].select(".doubt")]

    # Linked by the words it quotes from the translation ("تواجه").
    assert any(
        d.startswith("Translator's doubt 15:") for d in doubts("rules[do_not_confront].text")
    )
    # Linked by the place written in the notes.
    assert any(
        d.startswith("Translator's doubt 14:") for d in doubts("organisation.accessibility_law")
    )
    # A doubt about the whole translation is at the top.
    general = [text_of(li) for li in pack.select("header li.doubt")]
    assert any(d.startswith("Doubt 1: Masculine generic") for d in general)
    assert not any(d.startswith("Doubt 15") for d in general)


def test_the_pack_marks_what_is_out_of_date(files, tmp_path):
    checklist, _ = files
    edit = ChecklistFile(checklist)
    text = {t.place: t for t in edit.texts()}["contacts[helpline].hours"]
    edit.set_text(text, "en", "8am to 8pm, every day")
    checklist.write_text(edit.result(), encoding="utf-8")
    pack, _ = make_pack(checklist, "sq", tmp_path / "review")
    stale = [
        row.select_one(".place code").get_text()
        for row in pack.select("tr[id]")
        if row.select(".badge.stale")
    ]
    assert stale == ["contacts[helpline].hours"]


def fill(
    sign_off_path, reviewer="Ana Example", day="2026-12-01", verdicts=None, default="approved"
):
    """The sign-off as the reviewer returns it: every text given `default`, except those in
    `verdicts` (place → (verdict, correction))."""
    data = yaml.safe_load(sign_off_path.read_text(encoding="utf-8"))
    data["reviewer"], data["date"] = reviewer, day
    for entry in data["texts"]:
        entry["verdict"] = default
        if entry["place"] in (verdicts or {}):
            entry["verdict"], entry["correction"] = verdicts[entry["place"]]
    sign_off_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return data


def apply(checklist, code, sign_off_path):
    return CliRunner().invoke(
        checklist_group, ["apply-review", code, str(sign_off_path), str(checklist)]
    )


CORRECTED_HEADING = "لا تواجه أي شخص"
CORRECTED_BACK = "العودة"


def test_a_review_round_trip_corrects_and_signs_the_language_off(files, tmp_path, make_app):
    checklist, translations = files
    _, sign_off = make_pack(checklist, "ar", tmp_path / "review")
    fill(
        sign_off,
        verdicts={
            "rules[do_not_confront].heading": ("corrected", CORRECTED_HEADING),
            "interface:Back": ("corrected", CORRECTED_BACK),
        },
    )
    result = apply(checklist, "ar", sign_off)
    assert result.exit_code == 0, result.output
    total = len(texts_by_place(UK)) + len([m for m in catalogue_of(translations, "ar") if m.id])
    assert f"applied the review of ar: {total - 2} approved, 2 corrected, 0 still open" in (
        result.output
    )
    assert "ar is no longer awaiting review" in result.output

    reviewed = load_checklist(checklist)
    assert reviewed.awaiting_native_speaker_review == ("ro", "sq", "vi")
    [record] = reviewed.native_review["ar"]
    assert (record.reviewer, record.date) == ("Ana Example", date(2026, 12, 1))
    assert (record.approved, record.corrected, record.open) == (total - 2, 2, 0)
    heading = next(r for r in reviewed.rules if r.id == "do_not_confront").heading
    assert heading["ar"] == CORRECTED_HEADING and heading.stale == ()
    assert catalogue_of(translations, "ar")["Back"].string == CORRECTED_BACK
    # Only the corrected lines and the review's record changed in the checklist.
    before = REAL_CHECKLIST.read_text(encoding="utf-8").splitlines()
    after = checklist.read_text(encoding="utf-8").splitlines()
    record = (
        f"{{reviewer: Ana Example, date: 2026-12-01, approved: {total - 2}, corrected: 2, open: 0}}"
    )
    assert [line for line in after if line not in before] == [
        "awaiting_native_speaker_review: [ro, sq, vi]",
        *(f"# {line}" for line in NATIVE_REVIEW_COMMENT.splitlines()),
        "native_review:",
        "  ar:",
        f"    - {record}",
        f"      ar: {CORRECTED_HEADING}",
    ]
    # The service shows the correction.
    client = make_app(CHECKLIST_PATH=str(checklist)).test_client()
    client.get("/?lang=ar")
    page = parse(complete_check(client, {"appearance": "yes"}))
    assert text_of(page.select_one("#guidance-do_not_confront")) == CORRECTED_HEADING


def test_a_partial_review_keeps_the_language_awaiting(files, tmp_path):
    checklist, _ = files
    _, sign_off = make_pack(checklist, "sq", tmp_path / "review")
    data = fill(sign_off, verdicts={"rules[do_not_confront].heading": ("query", None)})
    data["texts"][-1]["verdict"] = None  # not reviewed yet
    for entry in data["texts"]:
        if entry["place"] == "rules[do_not_confront].heading":
            entry["note"] = "Is 'përballni' too strong?"
    sign_off.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = apply(checklist, "sq", sign_off)
    assert result.exit_code == 0, result.output
    assert "2 still open" in result.output
    assert "query: rules[do_not_confront].heading: Is 'përballni' too strong?" in result.output
    assert "sq stays in `awaiting_native_speaker_review`" in result.output
    reviewed = load_checklist(checklist)
    assert "sq" in reviewed.awaiting_native_speaker_review
    assert reviewed.native_review["sq"][0].open == 2

    # The reviewer finishes in the same file, corrections made at the first sitting and all.
    data["texts"][-1]["verdict"] = "approved"
    for entry in data["texts"]:
        if entry["place"] == "rules[do_not_confront].heading":
            entry.update(verdict="corrected", correction="Mos u përballni me askënd", note=None)
        if entry["place"] == "rules[do_not_confront].text":
            entry.update(verdict="corrected", correction="Mos u përballni me askënd.")
    sign_off.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert apply(checklist, "sq", sign_off).exit_code == 0
    data["date"] = "2026-12-02"
    sign_off.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    again = apply(checklist, "sq", sign_off)
    assert again.exit_code == 0, again.output
    assert "sq is no longer awaiting review" in again.output
    reviewed = load_checklist(checklist)
    assert "sq" not in reviewed.awaiting_native_speaker_review
    assert [(r.date.day, r.corrected, r.open) for r in reviewed.native_review["sq"]] == [
        (1, 0, 2),
        (1, 2, 0),
        (2, 2, 0),
    ]


def test_a_reviewer_who_approves_an_out_of_date_translation_brings_it_up_to_date(files, tmp_path):
    checklist, _ = files
    edit = ChecklistFile(checklist)
    text = {t.place: t for t in edit.texts()}["rules[do_not_confront].heading"]
    edit.set_text(text, "en", "Do not confront anybody")
    checklist.write_text(edit.result(), encoding="utf-8")
    assert next(
        r for r in load_checklist(checklist).rules if r.id == "do_not_confront"
    ).heading.stale
    _, sign_off = make_pack(checklist, "vi", tmp_path / "review")
    fill(sign_off, default=None, verdicts={"rules[do_not_confront].heading": ("approved", None)})
    result = apply(checklist, "vi", sign_off)
    assert result.exit_code == 0, result.output
    heading = next(r for r in load_checklist(checklist).rules if r.id == "do_not_confront").heading
    assert heading.stale == ("ro", "sq", "ar")


def test_the_romanian_file_reviews_its_english_against_the_romanian(tmp_path, files):
    checklist = tmp_path / "romania.yaml"
    shutil.copy(ROMANIA, checklist)
    pack, sign_off = make_pack(checklist, "en", tmp_path / "review")
    row = rows(pack)["questions[age].question.myself"]
    beside, reviewed = row.select("td.text")
    assert beside["lang"] == "ro" and text_of(beside) == "Ce vârstă aveți?"
    assert text_of(reviewed) == "How old are you?"
    assert "Romanian" in text_of(pack.select_one("thead"))
    fill(sign_off)
    result = apply(checklist, "en", sign_off)
    assert result.exit_code == 0, result.output
    assert load_checklist(checklist).awaiting_native_speaker_review == ("ro",)


# Refusals: each names the place and the reason, and nothing is written.


def refused(checklist, translations, code, sign_off):
    before = (
        checklist.read_bytes(),
        (translations / code / "LC_MESSAGES" / "messages.po").read_bytes(),
    )
    result = apply(checklist, code, sign_off)
    assert result.exit_code == 1, result.output
    after = (
        checklist.read_bytes(),
        (translations / code / "LC_MESSAGES" / "messages.po").read_bytes(),
    )
    assert after == before
    return result.output


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            lambda data: data["texts"].append(
                {
                    "place": "rules[no_such_rule].heading",
                    "source": "x",
                    "translation": "y",
                    "verdict": "approved",
                }
            ),
            "rules[no_such_rule].heading: there is no such text in",
        ),
        (
            lambda data: data["texts"][0].update(verdict="corrected"),
            "service_name: the verdict is `corrected` but there is no correction",
        ),
        (
            lambda data: data["texts"][0].update(verdict="fine"),
            "service_name: the verdict 'fine' is not one of approved, corrected, query",
        ),
        (
            lambda data: data["texts"][0].update(correction="Altceva"),
            "service_name: there is a correction, but the verdict is not `corrected`",
        ),
        (
            lambda data: data.update(language="sq"),
            "language: this sign-off is for 'sq', not 'ro'",
        ),
        (lambda data: data.update(reviewer=""), "reviewer: give the reviewer's name"),
        (
            lambda data: data.update(date="2099-01-01"),
            "date: 2099-01-01 is after today",
        ),
        (
            lambda data: next(
                e
                for e in data["texts"]
                if e["place"] == "interface:Question %(number)s of %(total)s"
            ).update(verdict="corrected", correction="Întrebarea %(number)s"),
            "interface:Question %(number)s of %(total)s: the correction does not keep the "
            "message's placeholders",
        ),
        (
            lambda data: next(
                e for e in data["texts"] if e["place"].startswith("interface:This check asks about")
            ).update(verdict="corrected", correction=["o formă"]),
            "the correction must be a list of 3 forms, as the pack shows them",
        ),
    ],
    ids=[
        "unknown place",
        "corrected without a correction",
        "unknown verdict",
        "correction without the verdict",
        "another language",
        "no reviewer",
        "a date to come",
        "placeholder dropped",
        "plural forms missing",
    ],
)
def test_a_sign_off_that_cannot_be_applied_is_refused(files, tmp_path, change, expected):
    checklist, translations = files
    _, sign_off = make_pack(checklist, "ro", tmp_path / "review")
    data = fill(sign_off)
    change(data)
    sign_off.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    output = refused(checklist, translations, "ro", sign_off)
    assert expected in output, output
    assert f"{sign_off}: " in output.splitlines()[0]


def test_a_sign_off_made_against_an_english_that_has_changed_is_refused(files, tmp_path):
    checklist, translations = files
    _, sign_off = make_pack(checklist, "ro", tmp_path / "review")
    fill(sign_off)
    edit = ChecklistFile(checklist)
    text = {t.place: t for t in edit.texts()}["contacts[helpline].hours"]
    edit.set_text(text, "en", "8am to 8pm, every day")
    checklist.write_text(edit.result(), encoding="utf-8")
    output = refused(checklist, translations, "ro", sign_off)
    assert "1 problem found" in output
    assert (
        "contacts[helpline].hours: the English text has changed since the pack was made "
        "(reviewed against"
    ) in output
    assert "review this text again from a new pack" in output


def test_a_sign_off_of_a_translation_changed_since_the_pack_is_refused(files, tmp_path):
    checklist, translations = files
    _, sign_off = make_pack(checklist, "ro", tmp_path / "review")
    fill(sign_off)
    catalogue = translations / "ro" / "LC_MESSAGES" / "messages.po"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace('msgstr "Înapoi"', 'msgstr "Înapoi!"'),
        encoding="utf-8",
    )
    output = refused(checklist, translations, "ro", sign_off)
    assert "interface:Back: the Romanian text has changed since the pack was made" in output
