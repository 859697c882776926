"""`flask checklist review-pack <code>`: one HTML file for the native reviewer of a language
(every text as a person meets it, beside the text it was translated from, with the
translator's doubts and room for a verdict), and the sign-off file they return.

The page is self-contained: its styles are inside it and it loads nothing, so it opens
offline, prints (landscape, one text never split across pages) and can be sent on as it is.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..checklist import Checklist
from ..checklist.fingerprints import as_seen
from ..pages.bidi import isolate_numbers
from .texts import Review, language_direction, language_name, review
from .translator_notes import Doubt, link_doubts, notes_path, read_doubts

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
# Numbers in groups read left to right inside Arabic, as on the service's pages.
_TEMPLATES.filters["isolate_numbers"] = isolate_numbers


@dataclass(frozen=True)
class Pack:
    html: Path
    sign_off: Path
    texts: int


def write_pack(
    checklist_path: Path,
    checklist: Checklist,
    code: str,
    translations: Path,
    project_root: Path,
    folder: Path,
    today: date,
) -> Pack:
    if code not in checklist.languages:
        raise ValueError(f"{checklist_path} has no '{code}' texts to review")
    found = review(checklist, code, translations)
    doubts = link_doubts(
        read_doubts(notes_path(project_root, code)),
        {place: text.text for place, text in found.texts.items()},
    )
    numbers = _numbers(found)
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"{code}-review.html"
    sign_off_path = folder / f"{code}-sign-off.yaml"
    html_path.write_text(
        _html(
            found,
            doubts,
            numbers,
            checklist_path,
            translations,
            sign_off_path.name,
            today,
            checklist.source,
        ),
        encoding="utf-8",
    )
    sign_off_path.write_text(
        sign_off_template(found, numbers, checklist_path, today), encoding="utf-8"
    )
    return Pack(html_path, sign_off_path, len(numbers))


def _numbers(found: Review) -> dict[str, int]:
    """Each text's number, in the order the pack first shows it."""
    numbers: dict[str, int] = {}
    for section in found.sections:
        for part in [section, *section.parts]:
            for text, first in part.texts:
                if first:
                    numbers.setdefault(text.place, len(numbers) + 1)
    return numbers


def _html(
    found: Review,
    doubts: list[Doubt],
    numbers: dict[str, int],
    checklist_path: Path,
    translations: Path,
    sign_off_name: str,
    today: date,
    checklist_source: str,
) -> str:
    by_place: dict[str, list[Doubt]] = {}
    for doubt in doubts:
        for place in doubt.places:
            by_place.setdefault(place, []).append(doubt)
    checklist_count, interface_count = found.counts
    code, beside = found.language, found.beside_language
    return _TEMPLATES.get_template("pack.html").render(
        code=code,
        written_in_it=code == checklist_source,
        name=language_name(code),
        direction=language_direction(code),
        beside_code=beside,
        beside_name=language_name(beside),
        beside_dir=language_direction(beside),
        checklist_name=str(checklist_path),
        catalogue_name=str(translations / code / "LC_MESSAGES" / "messages.po"),
        made=today.isoformat(),
        checklist_count=checklist_count,
        interface_count=interface_count,
        total=len(numbers),
        stale_count=sum(1 for text in found.texts.values() if text.out_of_date),
        sign_off_name=sign_off_name,
        general_doubts=[doubt for doubt in doubts if not doubt.places],
        doubts=by_place,
        sections=found.sections,
        numbers=numbers,
        plural_labels=_plural_labels(found.plural_forms),
        paragraphs=lambda text: as_seen(text).split("\n\n") if text else [""],
    )


def _plural_labels(plural_forms: str) -> list[str]:
    """ "Form 1 (e.g. 1)", … : which numbers each plural form of the language is used for."""
    if not plural_forms:
        return []
    count, expression = _parse_plural_forms(plural_forms)
    choose = gettext.c2py(expression)
    examples: dict[int, list[int]] = {}
    for number in range(0, 200):
        examples.setdefault(choose(number), []).append(number)
    return [
        f"Form {form + 1} (for {', '.join(str(n) for n in examples.get(form, [])[:3])}…)"
        for form in range(count)
    ]


def _parse_plural_forms(plural_forms: str) -> tuple[int, str]:
    parts = dict(part.strip().split("=", 1) for part in plural_forms.strip().rstrip(";").split(";"))
    return int(parts["nplurals"]), parts["plural"].strip()


def sign_off_template(
    found: Review, numbers: dict[str, int], checklist_path: Path, today: date
) -> str:
    """The file the reviewer fills in and returns: one entry per text, numbered as in the pack.

    `source` and `translation` are the fingerprints of the two texts as the pack showed them:
    `apply-review` refuses an entry made against texts that have changed since."""
    name = language_name(found.language)
    beside = language_name(found.beside_language)
    lines = [
        f"# Native review of the {name} ({found.language}) texts of {checklist_path}, from the",
        f"# pack made on {today.isoformat()} ({found.language}-review.html). One entry per text,",
        "# numbered as in the pack. For each, set `verdict` to:",
        "#   approved   it says what the text beside it says, in words people use",
        "#   corrected  and write the whole corrected text in `correction`",
        "#   query      you are not sure: say why in `note`",
        "# For an interface message with plural forms, write the correction as a list, one",
        "# form a line, in the order the pack shows them.",
        f"# Leave `place`, `source` (the {beside} text you reviewed against) and `translation`",
        "# (the text you reviewed) as they are: they record what you read.",
        "# Put your name and the day you finished (YYYY-MM-DD) at the top, then return this file.",
        "",
        f"language: {found.language}",
        "reviewer:",
        "date:",
        "texts:",
    ]
    for place, number in numbers.items():
        text = found.texts[place]
        lines.append(f"  # {number}. {text.what}")
        entry = {
            "place": place,
            "source": text.beside_fingerprint,
            "translation": text.text_fingerprint,
            "verdict": None,
            "correction": None,
            "note": None,
        }
        dumped = yaml.safe_dump(
            [entry], allow_unicode=True, sort_keys=False, width=200, default_flow_style=False
        )
        # Empty slots read better as nothing than as `null`.
        lines += ["  " + line.removesuffix(" null") for line in dumped.splitlines()]
    return "\n".join(lines) + "\n"
