"""Every text of one language as a person meets it, page by page, each beside the text it
was translated from: what the native reviewer reads (`pack`) and signs off (`sign_off`).

Two kinds of text: the checklist's, named by their place ("rules[immediate_danger].heading"),
and the interface's, from the language's catalogue, named "interface:" and their English
("interface:Leave this site"). Each carries two fingerprints: of the text it was translated
from, and of the translation itself, so that a sign-off can be checked against both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message

from ..checklist import Checklist
from ..checklist.combinations import in_plain_words
from ..checklist.fingerprints import fingerprint
from ..checklist.outcomes import distinct_outcomes
from ..checklist.texts import PlacedText, every_text
from ..pages.catalogue_status import (
    INTERFACE_LANGUAGE,
    catalogue_path,
    english_of,
    is_untranslated,
    read_catalogue,
)

INTERFACE = "interface:"


@dataclass(frozen=True)
class ReviewText:
    place: str
    what: str  # what it is, in plain words: "Question, about someone else"
    beside: tuple[str, ...]  # the text it was translated from (both forms of a plural)
    text: tuple[str, ...]  # the translation (each plural form)
    beside_fingerprint: str
    text_fingerprint: str
    out_of_date: bool
    safety: bool = False

    @property
    def interface(self) -> bool:
        return self.place.startswith(INTERFACE)

    @property
    def plural(self) -> bool:
        return len(self.text) > 1 or len(self.beside) > 1


@dataclass
class Section:
    title: str
    about: str = ""
    # A text shown first here has its verdict here; shown again (a later outcome's rules),
    # it is a reminder without one.
    texts: list[tuple[ReviewText, bool]] = field(default_factory=list)
    parts: list[Section] = field(default_factory=list)


@dataclass
class Review:
    """What a reviewer of `language` reads: the sections, and every text by its place."""

    language: str
    beside_language: str
    sections: list[Section]
    texts: dict[str, ReviewText]
    plural_forms: str

    @property
    def counts(self) -> tuple[int, int]:
        checklist = sum(1 for text in self.texts.values() if not text.interface)
        return checklist, len(self.texts) - checklist


def language_name(code: str) -> str:
    return Locale.parse(code).get_display_name("en") or code


def language_direction(code: str) -> str:
    return Locale.parse(code).text_direction


def beside_language(checklist: Checklist, code: str) -> str:
    """The language shown beside `code`'s texts: the one they are translated from, or, for
    the source language itself, English if the file has it."""
    if code != checklist.source:
        return checklist.source
    others = [other for other in checklist.languages if other != code]
    return "en" if "en" in others else (others[0] if others else code)


def checklist_review_texts(checklist: Checklist, code: str) -> dict[str, ReviewText]:
    beside = beside_language(checklist, code)
    return {
        placed.place: _checklist_text(placed, code, beside, checklist.source)
        for placed in every_text(checklist)
    }


def _checklist_text(placed: PlacedText, code: str, beside: str, source: str) -> ReviewText:
    text = placed.text
    reviewed = text.get(code, "")
    # Signed off against the source: the text it translates, or itself when it is the source.
    against = text.get(source, "") if code != source else reviewed
    return ReviewText(
        place=placed.place,
        what=_what(placed.place),
        beside=(text.get(beside, ""),),
        text=(reviewed,),
        beside_fingerprint=fingerprint(against),
        text_fingerprint=fingerprint(reviewed),
        out_of_date=code in text.stale,
        safety=placed.safety,
    )


def interface_review_texts(translations: Path, code: str) -> tuple[dict[str, ReviewText], Catalog]:
    """The catalogue's messages for `code`, or none for the language the interface is
    written in."""
    path = catalogue_path(translations, code)
    if code == INTERFACE_LANGUAGE or not path.exists():
        return {}, Catalog(locale=code)
    catalogue = read_catalogue(path)
    texts = {}
    for message in catalogue:
        if message.id:
            texts[INTERFACE + english_of(message)] = interface_text(message)
    return texts, catalogue


def interface_text(message: Message) -> ReviewText:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return ReviewText(
        place=INTERFACE + english_of(message),
        what="Interface message" + (" (plural forms)" if len(ids) > 1 else ""),
        beside=ids,
        text=tuple(strings),
        beside_fingerprint=fingerprint("\n\n".join(ids)),
        text_fingerprint=fingerprint("\n\n".join(strings)),
        out_of_date=message.fuzzy or is_untranslated(message),
    )


def review(checklist: Checklist, code: str, translations: Path) -> Review:
    checklist_texts = checklist_review_texts(checklist, code)
    interface_texts, catalogue = interface_review_texts(translations, code)
    sections = _PageOrder(checklist, checklist_texts, interface_texts, catalogue).sections()
    return Review(
        language=code,
        beside_language=beside_language(checklist, code),
        sections=sections,
        texts={**checklist_texts, **interface_texts},
        plural_forms=catalogue.plural_forms if interface_texts else "",
    )


# Where each file's interface messages are met, in the order the sections come.
_PAGES = [
    (
        "every",
        "On every page: the header, the quick exit and the footer",
        ("templates/base.html", "templates/macros.html"),
    ),
    ("start", "The start page", ("templates/start.html",)),
    (
        "leaving",
        "Leaving quickly, and staying safe online",
        (
            "templates/before_you_start.html",
            "templates/staying_safe.html",
            # What leaving does, on those two pages (the kiosk's versions are in its set).
            "templates/screen.html",
        ),
    ),
    ("questions", "The questions", ("templates/question.html",)),
    ("answers", "Check your answers", ("templates/check_answers.html",)),
    ("guidance", "What to do next: the guidance", ("templates/guidance.html",)),
    (
        "kiosk",
        "On a kiosk (a shared screen)",
        (
            "templates/kiosk/welcome.html",
            "templates/kiosk/screen.html",
            "templates/kiosk/idle_warning.html",
            "app/kiosk/idle.py",
            "app/kiosk/views.py",
        ),
    ),
    (
        "statements",
        "The accessibility statement, privacy notice and cookies page",
        (
            "templates/accessibility.html",
            "templates/privacy.html",
            "templates/cookies.html",
            "app/pages/cookies.py",
            # The privacy notice's "What the service counts": each figure's plain words.
            "app/metrics/figures.py",
        ),
    ),
    (
        "errors",
        "Error pages and other messages",
        (
            "templates/error.html",
            "templates/form_expired.html",
            "app/web/error_pages.py",
            "app/web/oversized_headers.py",
            "app/journey/session_interface.py",
            "app/journey/progress.py",
            "app/views/journey.py",
            # nginx's own error pages (deploy/error-pages/, built by `flask checklist
            # error-pages`): every language on one page.
            "templates/proxy_error/page.html",
            "templates/proxy_error/section.html",
        ),
    ),
    (
        "printed",
        "Posters and wallet cards",
        (
            "templates/printed/poster.html",
            "templates/printed/wallet_card.html",
            "templates/printed/macros.html",
            "templates/printed/base.html",
        ),
    ),
]


class _PageOrder:
    def __init__(
        self,
        checklist: Checklist,
        checklist_texts: dict[str, ReviewText],
        interface_texts: dict[str, ReviewText],
        catalogue: Catalog,
    ):
        self.checklist = checklist
        self.checklist_texts = checklist_texts
        self.interface_by_page = _messages_by_page(catalogue, interface_texts)
        self.shown: set[str] = set()

    def sections(self) -> list[Section]:
        sections = {key: Section(title) for key, title, _ in _PAGES}
        self._add(sections["every"], "service_name")
        # The end of every other page's title.
        self._add(sections["every"], "short_service_name")
        for audience in self.checklist.audiences:
            self._add(sections["start"], f"audiences[{audience.id}].label")
        # Not on the page itself: what search engines show under the start page's title.
        self._add(sections["start"], "search_description")
        for question in self.checklist.questions:
            sections["questions"].parts.append(self._question(question))
        for outcome in distinct_outcomes(self.checklist):
            sections["guidance"].parts.append(self._outcome(outcome))
        for place in self.checklist_texts:
            if place.startswith("organisation"):
                self._add(sections["statements"], place)
        for key, _, _ in _PAGES:
            for text in self.interface_by_page.get(key, []):
                sections[key].texts.append((text, True))
        others = Section("Other texts")
        for place in self.checklist_texts:
            if place not in self.shown:
                self._add(others, place)
        others.texts += [(text, True) for text in self.interface_by_page.get("others", [])]
        found = [*sections.values(), others]
        return [section for section in found if section.texts or section.parts]

    def _add(self, section: Section, place: str) -> None:
        text = self.checklist_texts.get(place)
        if text is not None:
            section.texts.append((text, place not in self.shown))
            self.shown.add(place)

    def _under(self, section: Section, prefix: str) -> None:
        for place in self.checklist_texts:
            if place.startswith(prefix):
                self._add(section, place)

    def _question(self, question) -> Section:
        number = self.checklist.position_of(question) + 1
        section = Section(f"Question {number} ({question.id})")
        for audience in self.checklist.audiences:
            for field_name in ("question", "hint", "error", "noticed"):
                self._add(section, f"questions[{question.id}].{field_name}.{audience.id}")
        self._under(section, f"questions[{question.id}].picture")
        self._under(section, f"answer_sets[{question.answers}]")
        return section

    def _outcome(self, outcome) -> Section:
        example = outcome.example
        section = Section(
            f"Outcome {outcome.number}",
            about=(
                f"What {outcome.combinations:,} combination(s) of answers are told, for "
                f"example: {in_plain_words(self.checklist, example.combination)}."
            ),
        )
        shown_contacts = {contact.id for contact in example.contacts}
        for rule_id in example.rule_ids:
            self._under(section, f"rules[{rule_id}]")
            rule = next(rule for rule in self.checklist.rules if rule.id == rule_id)
            for contact_id in rule.contacts:
                if contact_id in shown_contacts:
                    self._under(section, f"contacts[{contact_id}]")
                    shown_contacts.discard(contact_id)
        return section


def _messages_by_page(
    catalogue: Catalog, texts: dict[str, ReviewText]
) -> dict[str, list[ReviewText]]:
    """Each message under the first page (in `_PAGES` order) of the files it is used in."""
    files = [name for _, _, names in _PAGES for name in names]
    page_of_file = {name: key for key, _, names in _PAGES for name in names}
    placed: dict[str, list[tuple[tuple[int, int], ReviewText]]] = {}
    for message in catalogue:
        if not message.id:
            continue
        # Where it is first met: the earliest page's file, and its line there.
        known = [(files.index(name), line) for name, line in message.locations if name in files]
        first = min(known) if known else (len(files), 0)
        page = page_of_file[files[first[0]]] if known else "others"
        placed.setdefault(page, []).append((first, texts[INTERFACE + english_of(message)]))
    return {
        page: [text for _, text in sorted(entries, key=lambda entry: entry[0])]
        for page, entries in placed.items()
    }


def _what(place: str) -> str:
    """A place in plain words, for the reviewer: what the text is and who it is for."""
    field_name, _, audience = place.rpartition(".")
    parts = {
        "question": "The question",
        "hint": "Its hint",
        "error": "What is said when no answer is chosen",
        "noticed": 'How it is listed under "What you noticed"',
        "label": "Label",
        "heading": "Heading",
        "text": "Text",
        "name": "Name",
        "hours": "Opening hours",
        "description": "Description",
    }
    who = {"someone_else": ", about someone else", "myself": ", about oneself"}
    if audience in who:
        return parts.get(field_name.rpartition(".")[2], field_name) + who[audience]
    if ".picture." in place:
        return "The picture, described for people who cannot see it"
    if ".options[" in place:
        return "An answer"
    return parts.get(audience, audience.replace("_", " ").capitalize())
