"""The translator's doubts about a language (docs/translation-review/<code>-translator-notes.md),
each linked to the texts it is about, for the native reviewer's pack.

The notes are written for people, as a numbered list under a "Doubts" heading. A doubt is
linked to a text in two ways: by a place id written in it in backticks
(`questions[appearance].question.someone_else`, `interface:Leave this site`), which is exact;
and by the words it quotes from the translation ("nhếch nhác", «خطر مباشر»), each found in the
texts of that language. A doubt that names no text it can be linked to is shown at the top
of the pack, for the reviewer to keep in mind throughout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

NOTES_FOLDER = Path("docs") / "translation-review"

_HEADING = re.compile(r"^#+\s")
_ITEM = re.compile(r"^(\d+)\.\s+(.*)$")
# Anything in backticks: a place as sheets and packs name it, the start of several places'
# names (`questions[appearance]` for all of that question's texts), or words quoted.
_BACKTICKED = re.compile(r"`([^`]+)`")
# Words quoted from the translation: "…", “…”, «…», „…“ or „…”.
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|«([^»]+)»|„([^“”]+)[“”]')
# Shorter quotations ("ju", "o") would be found in texts they are not about.
_SHORTEST_QUOTE = 4


@dataclass
class Doubt:
    number: int
    text: str
    places: list[str] = field(default_factory=list)


def notes_path(project_root: Path, code: str) -> Path:
    return project_root / NOTES_FOLDER / f"{code}-translator-notes.md"


def read_doubts(path: Path) -> list[Doubt]:
    """The numbered items under the notes' "Doubts" heading, each as one paragraph."""
    if not path.exists():
        return []
    doubts: list[Doubt] = []
    in_doubts = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if _HEADING.match(line):
            in_doubts = "doubt" in line.lower()
            continue
        if not in_doubts:
            continue
        item = _ITEM.match(line)
        if item:
            doubts.append(Doubt(int(item[1]), item[2].strip()))
        elif doubts and line.strip():
            doubts[-1].text += " " + line.strip()
    return doubts


def link_doubts(doubts: list[Doubt], texts: dict[str, Iterable[str]]) -> list[Doubt]:
    """Each doubt with the places it is about: `texts` gives each place's translation (the
    forms of a plural message), in the language the notes are about."""
    known = {place: [_normal(text) for text in forms] for place, forms in texts.items()}
    for doubt in doubts:
        named, quoted = [], []
        for written in _BACKTICKED.findall(doubt.text):
            places = [
                p for p in known if p == written or p.startswith((f"{written}.", f"{written}["))
            ]
            if places:
                named += places
            else:
                quoted.append(_normal(written))
        quoted += [
            _normal(next(part for part in match if part))
            for match in _QUOTED.findall(_BACKTICKED.sub(" ", doubt.text))
        ]
        quoted = [phrase for phrase in quoted if len(phrase) >= _SHORTEST_QUOTE]
        found = [
            place
            for place, forms in known.items()
            if any(phrase in form for phrase in quoted for form in forms)
        ]
        doubt.places = list(dict.fromkeys([*named, *found]))
    return doubts


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
