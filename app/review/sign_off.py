"""`flask checklist apply-review <code> <file>`: a native reviewer's sign-off put into the
checklist and the interface catalogue.

Corrections replace the texts (a checklist text's translation record then says it translates
the source as it is now; a catalogue entry loses its fuzzy mark), the review is recorded
under `native_review` in the checklist, and the language leaves
`awaiting_native_speaker_review` only when every text of it, the checklist's and the
interface's, was approved or corrected.

Everything is checked before anything is changed: an entry for a place that does not exist,
or made against a text that has changed since the pack (its fingerprints say which texts the
reviewer read), is refused with the reason, naming the place, and nothing is written.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog, TranslationError
from babel.messages.checkers import python_format
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from ..checklist import ChecklistError, Fault, load_checklist
from ..checklist.file_edits import ChecklistFile
from ..checklist.fingerprints import fingerprint
from ..pages.catalogue_status import catalogue_path
from .texts import INTERFACE, Review, ReviewText, language_name, review

VERDICTS = ("approved", "corrected", "query")
# A named placeholder in an interface message, where the service puts a number or a name.
_PLACEHOLDER = re.compile(r"%\((\w+)\)[a-z]")
NATIVE_REVIEW_COMMENT = """\
Native speakers' reviews, written by `flask checklist apply-review`: who reviewed each
language and when, and how many of its texts (this file's and the interface's) they
approved as they were, corrected, and left open. None open: the language is signed off."""


@dataclass(frozen=True)
class Verdict:
    place: str
    source: str
    translation: str
    verdict: str | None
    correction: str | tuple[str, ...] | None
    note: str | None


@dataclass
class SignOff:
    language: str
    reviewer: str
    day: date
    verdicts: list[Verdict]


@dataclass
class Applied:
    """What applying a sign-off changes: the new file texts, and what to tell the editor."""

    checklist_text: str
    catalogue: bytes | None
    approved: int
    corrected: int
    open: int
    queries: list[Verdict] = field(default_factory=list)

    @property
    def signed_off(self) -> bool:
        return self.open == 0


def apply_review(
    checklist_path: Path, code: str, sign_off_path: Path, translations: Path, today: date
) -> Applied:
    """The checklist file's new text and the catalogue's new bytes, or ChecklistError naming
    every entry of the sign-off that cannot be applied, and why."""
    checklist = load_checklist(checklist_path)
    if code not in checklist.languages:
        raise ValueError(f"{checklist_path} has no '{code}' texts")
    found = review(checklist, code, translations)
    sign_off, faults = read_sign_off(sign_off_path, code, today)
    if sign_off is not None:
        faults += _faults_in_verdicts(sign_off, found, checklist_path)
    if faults:
        raise ChecklistError(sign_off_path, faults)
    assert sign_off is not None

    file = ChecklistFile(checklist_path)
    entries = {entry.place: entry for entry in file.texts()}
    catalogue = (
        _catalogue(translations, code)
        if any(verdict.place.startswith(INTERFACE) for verdict in sign_off.verdicts)
        else None
    )
    source = checklist.source
    approved = corrected = 0
    for verdict in sign_off.verdicts:
        if verdict.verdict not in ("approved", "corrected"):
            continue
        text = found.texts[verdict.place]
        if verdict.verdict == "approved":
            approved += 1
        else:
            corrected += 1
        if text.interface:
            _settle_message(catalogue, text, verdict)
            continue
        entry = entries[verdict.place]
        if verdict.verdict == "corrected":
            file.set_text(entry, code, str(verdict.correction).strip())
        if code != source and (verdict.verdict == "corrected" or text.out_of_date):
            # The reviewer read it against the source as it is now: it translates that.
            now = fingerprint(entry.texts[source])
            file.set_translated_from(entry, {**entry.translated_from, code: now})
    open_texts = len(found.texts) - approved - corrected
    file.add_to_list_under(
        "native_review",
        code,
        {
            "reviewer": sign_off.reviewer,
            "date": sign_off.day,
            "approved": approved,
            "corrected": corrected,
            "open": open_texts,
        },
        after="awaiting_native_speaker_review",
        comment=NATIVE_REVIEW_COMMENT,
    )
    if open_texts == 0:
        file.remove_from_one_line_list("awaiting_native_speaker_review", code)
    return Applied(
        checklist_text=file.result(),
        catalogue=_po_bytes(catalogue) if catalogue is not None else None,
        approved=approved,
        corrected=corrected,
        open=open_texts,
        queries=[verdict for verdict in sign_off.verdicts if verdict.verdict == "query"],
    )


def read_sign_off(path: Path, code: str, today: date) -> tuple[SignOff | None, list[Fault]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return None, [Fault((), f"the sign-off cannot be read ({error})")]
    except yaml.YAMLError as error:
        return None, [Fault((), f"the sign-off is not valid YAML ({error})")]
    if not isinstance(data, dict) or not isinstance(data.get("texts"), list):
        return None, [
            Fault((), "the sign-off must have `language`, `reviewer`, `date` and `texts`")
        ]
    faults = []
    if data.get("language") != code:
        faults.append(
            Fault(("language",), f"this sign-off is for {data.get('language')!r}, not '{code}'")
        )
    reviewer = data.get("reviewer")
    if not isinstance(reviewer, str) or not reviewer.strip():
        faults.append(Fault(("reviewer",), "give the reviewer's name"))
    day = data.get("date")
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day.strip())
        except ValueError:
            day = None
    if not isinstance(day, date):
        faults.append(Fault(("date",), "give the day the review was finished, as 2027-01-15"))
    elif day > today:
        faults.append(Fault(("date",), f"{day.isoformat()} is after today"))
    verdicts = []
    for index, item in enumerate(data["texts"]):
        if not isinstance(item, dict) or not isinstance(item.get("place"), str):
            faults.append(Fault(("texts", index), "each entry needs its `place`"))
            continue
        correction = item.get("correction")
        if isinstance(correction, list):
            correction = tuple(str(form) for form in correction)
        verdicts.append(
            Verdict(
                place=item["place"],
                source=str(item.get("source") or ""),
                translation=str(item.get("translation") or ""),
                verdict=str(item["verdict"]).strip().lower() if item.get("verdict") else None,
                correction=correction if correction not in ("", None) else None,
                note=item.get("note") or None,
            )
        )
    if faults:
        return None, faults
    return SignOff(code, reviewer.strip(), day, verdicts), []


def _faults_in_verdicts(sign_off: SignOff, found: Review, checklist_path: Path) -> list[Fault]:
    faults: list[Fault] = []
    seen: set[str] = set()
    beside = language_name(found.beside_language)
    name = language_name(found.language)
    for verdict in sign_off.verdicts:
        place = verdict.place
        text = found.texts.get(place)
        if place in seen:
            faults.append(Fault((place,), "this text has two entries: keep one"))
            continue
        seen.add(place)
        if text is None:
            where = (
                f"the {found.language} interface catalogue"
                if place.startswith(INTERFACE)
                else str(checklist_path)
            )
            faults.append(Fault((place,), f"there is no such text in {where}"))
            continue
        problem = _problem_with(verdict, text, beside, name)
        if problem:
            faults.append(Fault((place,), problem))
    if not any(verdict.verdict for verdict in sign_off.verdicts):
        faults.append(Fault(("texts",), "no text has a verdict"))
    return faults


def _problem_with(verdict: Verdict, text: ReviewText, beside: str, name: str) -> str | None:
    if verdict.verdict is not None and verdict.verdict not in VERDICTS:
        return f"the verdict {verdict.verdict!r} is not one of {', '.join(VERDICTS)}"
    if verdict.source != text.beside_fingerprint:
        return (
            f"the {beside} text has changed since the pack was made (reviewed against "
            f"{verdict.source or 'nothing'}, it is now {text.beside_fingerprint}): review "
            "this text again from a new pack"
        )
    if verdict.translation != text.text_fingerprint and not _already_made(verdict, text):
        return (
            f"the {name} text has changed since the pack was made (the reviewer read "
            f"{verdict.translation or 'nothing'}, it is now {text.text_fingerprint}): review "
            "this text again from a new pack"
        )
    if verdict.verdict == "corrected":
        return _problem_with_correction(verdict.correction, text)
    if verdict.correction is not None:
        return "there is a correction, but the verdict is not `corrected`"
    return None


def _already_made(verdict: Verdict, text: ReviewText) -> bool:
    """A correction applied before (the sign-off of a review done in two sittings, applied
    after each): the text has changed since the pack, into the correction itself."""
    if verdict.verdict != "corrected" or verdict.correction is None:
        return False
    forms = verdict.correction if isinstance(verdict.correction, tuple) else (verdict.correction,)
    return fingerprint("\n\n".join(forms)) == text.text_fingerprint


def _problem_with_correction(correction, text: ReviewText) -> str | None:
    if correction is None:
        return "the verdict is `corrected` but there is no correction"
    if not text.plural:
        if not isinstance(correction, str) or not correction.strip():
            return "the correction must be the whole corrected text"
    elif not isinstance(correction, tuple) or len(correction) != len(text.text):
        return f"the correction must be a list of {len(text.text)} forms, as the pack shows them"
    elif not all(form.strip() for form in correction):
        return "every form of the correction needs its text"
    if text.interface:
        return _placeholder_problem(text, correction)
    return None


def _placeholder_problem(text: ReviewText, correction) -> str | None:
    """gettext's own check that the correction names no placeholder the English does not;
    and, for a message without plural forms, that it leaves none of them out (a plural form
    may: "one" need not say 1)."""
    if not text.plural:
        wanted, given = (
            set(_PLACEHOLDER.findall(text.beside[0])),
            set(_PLACEHOLDER.findall(correction)),
        )
        if wanted - given:
            missing = ", ".join(sorted(f"%({name})s" for name in wanted - given))
            return f"the correction does not keep the message's placeholders ({missing} left out)"
    catalogue = Catalog(locale="en")
    ids = text.beside if len(text.beside) > 1 else text.beside[0]
    message = catalogue.add(
        ids, correction, flags=["python-format"] if "%" in "".join(text.beside) else []
    )
    try:
        python_format(catalogue, message)
    except TranslationError as error:
        return f"the correction does not keep the message's placeholders ({error})"
    return None


def _catalogue(translations: Path, code: str) -> Catalog:
    with catalogue_path(translations, code).open("rb") as po:
        return read_po(po)


def _settle_message(catalogue: Catalog, text: ReviewText, verdict: Verdict) -> None:
    """Approved or corrected: the entry is a translation of its English as it is now."""
    message = catalogue[text.beside[0]]
    if verdict.verdict == "corrected":
        message.string = verdict.correction if text.plural else str(verdict.correction).strip()
    message.flags.discard("fuzzy")
    message.previous_id = []


def _po_bytes(catalogue: Catalog) -> bytes:
    buffer = io.BytesIO()
    # As `make translations` writes it (pybabel update --ignore-obsolete).
    write_po(buffer, catalogue, ignore_obsolete=True)
    # It must still compile: `make` turns it into the .mo the app serves.
    write_mo(io.BytesIO(), read_po(io.BytesIO(buffer.getvalue())))
    return buffer.getvalue()
