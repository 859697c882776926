"""A safety text whose translation is out of date is shown in the language it was written in
(see "What counts as a safety text" in app/checklist/schema.py): an out-of-date number or
promise is worse than a language the person reads less well.

`localise()` returns such a text as `InSourceLanguage`, a string that knows its language;
the templates mark its element with that language and direction (`lang_marks`), so that
screen readers and browsers read it as what it is, and add a note in the page's language
(`translation_note` in templates/macros.html) where `in_source_language` says one is due.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from babel import Locale
from markupsafe import Markup


class InSourceLanguage(str):
    """A checklist text shown in `language` instead of the page's language."""

    language: str

    def __new__(cls, text: str, language: str) -> InSourceLanguage:
        shown = super().__new__(cls, text)
        shown.language = language
        return shown


def lang_marks(text: str) -> Markup:
    """` lang="en" dir="ltr"` for the element that holds `text` when it is shown in its source
    language; nothing when it is in the page's language."""
    if not isinstance(text, InSourceLanguage):
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(text.language, _direction(text.language))


def in_source_language(texts: Iterable[str]) -> bool:
    return any(isinstance(text, InSourceLanguage) for text in texts)


@cache
def _direction(code: str) -> str:
    return Locale.parse(code).text_direction
