"""Finding English left on a page that should be in another language.

What a person perceives on a page (every text node, the title, and the attributes that are
shown or read aloud: alt, title, aria-label, placeholder, a button's value, the messages
the scripts announce) is compared with the English source texts the page can show: every
interface message (the catalogue template) and every checklist text in English. A source
text is not looked for where English is right by design:

- the interface message's translation in this language is deliberately the same
  ("Cookie: %(name)s" in Romanian): a translator wrote it so;
- the checklist text is at a place listed in NAMES_KEPT_IN_ENGLISH;
- the page marks the text as another language itself (`lang="en"`, as the language
  switcher does for "English"), so a screen reader reads it correctly.

A checklist text left identical to its English is reported: that is what an unfilled slot
copied from the English looks like.

Long texts are looked for sentence by sentence, so one sentence left in English inside a
translated paragraph is found; a short text (one or two words: "Yes", "Back") is found
only as a whole text or attribute, so that an English word inside a sentence of another
language (a loanword) is not taken for an untranslated text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment, Doctype

from app.checklist import Checklist
from app.pages.languages import TRANSLATIONS

# Checklist places whose English stays in every language, with the reason. Places are
# written as `flask checklist translation-sheet` names them.
NAMES_KEPT_IN_ENGLISH = {
    # A service's own name, as a person will hear it when they call; translations add an
    # explanation beside it ("Childline (linie de asistență pentru copii și tineri)").
    re.compile(r"contacts\[[a-z_0-9]+\]\.name"): "a service's own name",
    # The operator's own name (the shipped one is a placeholder).
    re.compile(r"organisation\.name"): "the organisation's own name",
}
# Attributes a person perceives: shown, read by screen readers, or announced by a script.
PERCEIVED_ATTRIBUTES = ("alt", "title", "aria-label", "aria-description", "placeholder")
BUTTON_INPUTS = ("submit", "button", "reset")
UNPERCEIVED_ELEMENTS = ("script", "style", "template")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")
# A blank line starts a paragraph; a single line break in the file is only wrapping.
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n\s*\n")
WORD = re.compile(r"[A-Za-z]{2,}")
ADDRESS = re.compile(r"\S+@\S+|[\w-]+(?:\.[\w-]+)+(?:/\S*)?")


@dataclass(frozen=True)
class Finding:
    english: str  # the source text found
    source: str  # where it comes from: "interface" or the checklist place
    seen_in: str  # the text on the page where it was found


@dataclass(frozen=True)
class _Phrase:
    english: str
    source: str
    pattern: re.Pattern
    whole: bool  # a short text: only a whole string counts


def _normal(text: str) -> str:
    text = " ".join(text.split())
    # Inline elements split a sentence into text nodes: "call <a>999</a>." joins as "call 999 ."
    return re.sub(r" (?=[.,;:!?)])", "", text)


class EnglishFinder:
    """The English a page in `language` should not show, from `checklist` and the catalogue
    template; `find(html)` lists what of it the page shows."""

    def __init__(
        self,
        checklist: Checklist,
        checklist_texts: dict,
        language: str,
        translations: Path = TRANSLATIONS,
    ):
        self.language = language
        self.phrases: list[_Phrase] = []
        # What stays English here by design, as whole strings: for left_as_in_english.
        self.kept: list[re.Pattern] = []
        catalogue = _catalogue(translations / language / "LC_MESSAGES" / "messages.po")
        with (translations / "messages.pot").open("rb") as template:
            for message in read_po(template):
                if not message.id:
                    continue
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                if _same_by_choice(catalogue, message.id):
                    self.kept.extend(_template(_normal(english)) for english in ids)
                    continue
                for english in ids:
                    self._add(english, "interface")
        for place, texts in _text_maps(checklist_texts, checklist.languages):
            if any(pattern.fullmatch(place) for pattern in NAMES_KEPT_IN_ENGLISH):
                self.kept.append(re.compile(re.escape(_normal(texts["en"]))))
                continue
            self._add(texts["en"], place)

    def _add(self, english: str, source: str) -> None:
        for sentence in SENTENCE_END.split(english):
            sentence = _normal(sentence).rstrip(".:;")
            literal = PLACEHOLDER.sub(" ", sentence)
            words = WORD.findall(literal)
            if not words:
                continue  # only numbers or punctuation: the same in every language
            body = _template(sentence).pattern
            whole = len(words) <= 2
            pattern = re.compile(
                rf"^{body}[.:;]?$" if whole else rf"(?<![\w]){body}(?![\w])", re.UNICODE
            )
            self.phrases.append(_Phrase(sentence, source, pattern, whole))

    def find(self, html: str) -> list[Finding]:
        strings = list(perceived_strings(html, self.language))
        # Joined with spaces: links, <bdi> and <strong> split a sentence into several nodes.
        joined = _normal(" ".join(strings))
        found = []
        for phrase in self.phrases:
            if phrase.whole:
                hits = [s for s in strings if phrase.pattern.match(s)]
            else:
                match = phrase.pattern.search(joined)
                hits = [joined[max(0, match.start() - 40) : match.end() + 40]] if match else []
            found.extend(Finding(phrase.english, phrase.source, hit) for hit in hits[:1])
        return found


def left_as_in_english(finder: EnglishFinder, html: str, english_html: str) -> list[str]:
    """The texts of a page that are exactly as on the same page in English and still read as
    English (two words or more, once web and email addresses are left out): English that
    comes from neither the catalogue nor the checklist, such as a template's text not
    marked for translation, is found this way."""
    english = set(perceived_strings(english_html, "en"))
    return [
        text
        for text in perceived_strings(html, finder.language)
        if text in english
        and not any(kept.fullmatch(text) for kept in finder.kept)
        and len(WORD.findall(ADDRESS.sub(" ", text))) >= 2
    ]


def _template(english: str) -> re.Pattern:
    """A message as a pattern: each placeholder stands for a few words."""
    pieces = [re.escape(piece) for piece in PLACEHOLDER.split(english)]
    return re.compile(r"\S+(?: \S+){0,8}?".join(pieces))


def perceived_strings(html: str, language: str) -> Iterator[str]:
    """Each text node and perceived attribute of the page, normalised, except those inside
    an element that declares another language."""
    page = BeautifulSoup(html, "html.parser")
    for node in page.descendants:
        if isinstance(node, Comment | Doctype):
            continue
        if isinstance(node, NavigableString):
            parent = node.parent
            if parent.name in UNPERCEIVED_ELEMENTS or _language_of(parent) != language:
                continue
            text = _normal(str(node))
            if text:
                yield text
        elif _language_of(node) == language:
            for name, value in node.attrs.items():
                perceived = name in PERCEIVED_ATTRIBUTES or (
                    name.startswith("data-") and name.endswith("-text")
                )
                if node.name == "input" and node.get("type") in BUTTON_INPUTS:
                    perceived = perceived or name == "value"
                if perceived and isinstance(value, str) and value.strip():
                    yield _normal(value)


def _language_of(element) -> str | None:
    while element is not None:
        if element.get("lang") if hasattr(element, "get") else None:
            return element["lang"]
        element = element.parent
    return None


def _catalogue(path: Path) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as source:
        return read_po(source)


def _same_by_choice(catalogue: Catalog | None, message_id) -> bool:
    """The translator wrote the English itself as the translation."""
    if catalogue is None:
        return False
    message = catalogue.get(message_id)
    if message is None or message.fuzzy or not message.string:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    ids = message_id if isinstance(message_id, tuple) else (message_id,)
    return all(strings) and set(strings) <= set(ids)


def _text_maps(node, languages, place: str = "") -> Iterator[tuple[str, dict]]:
    """Every text of the checklist data, by place (named as on a translation sheet)."""
    if isinstance(node, dict):
        # Beside its languages a text records what its translations were made from.
        if node and set(node) - {"translated_from"} == set(languages):
            yield place, node
            return
        for key, value in node.items():
            yield from _text_maps(value, languages, f"{place}.{key}" if place else key)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            label = item.get("id", index) if isinstance(item, dict) else index
            yield from _text_maps(item, languages, f"{place}[{label}]")
