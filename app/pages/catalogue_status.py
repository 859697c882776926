"""How far each interface catalogue is from the English it translates, read from its .po file.

gettext has its own record of stale translations: `pybabel update` marks an entry whose
English changed `fuzzy`, and `pybabel compile` leaves fuzzy and empty entries out, so pages
show their English. These notes say which, so that they are translated again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

# The interface is written in English: its messages' ids are the English.
INTERFACE_LANGUAGE = "en"


def catalogue_path(translations: Path, code: str) -> Path:
    return translations / code / "LC_MESSAGES" / "messages.po"


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


def english_of(message: Message) -> str:
    """A message's English: its id, or for plural forms the singular."""
    return message.id[0] if isinstance(message.id, tuple) else message.id


def is_untranslated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not all(string and string.strip() for string in strings)


def catalogue_notes(languages: Iterable[str], translations: Path) -> list[str]:
    """One note per fuzzy or untranslated entry, per language that has a catalogue."""
    notes = []
    for code in languages:
        path = catalogue_path(translations, code)
        if code == INTERFACE_LANGUAGE or not path.exists():
            continue  # a missing catalogue stops start-up on its own (app.languages)
        for message in read_catalogue(path):
            if not message.id:
                continue  # the catalogue's header
            english = english_of(message)
            if message.fuzzy:
                notes.append(
                    f"translate again the '{code}' interface message {english!r} ({path}): "
                    "it is marked fuzzy, its English having changed since it was translated, "
                    "so pages show the English; remove the mark when it is done"
                )
            elif is_untranslated(message):
                notes.append(
                    f"translate the '{code}' interface message {english!r} ({path}): "
                    "until then pages show the English"
                )
    return notes
