"""A text in every language of a checklist, and the record of which source text each of its
translations was made from (`translated_from`), so that a translation whose source has
changed since is known to be out of date."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType

from pydantic import ValidationInfo, ValidatorFunctionWrapHandler

from .fingerprints import FINGERPRINT, fingerprint

# The key, beside a text's languages, that records which source text each translation was
# made from: `translated_from: {ro: kqzmwbte, sq: kqzmwbte}`. Never a language code.
TRANSLATED_FROM = "translated_from"


class TextInLanguages(Mapping[str, str]):
    """A text in every language of the checklist (a read-only mapping, language to text),
    with the fingerprint of the source-language text each translation was made from.

    A translation whose fingerprint is not that of the source text as it is now is `stale`:
    the source has changed since. A stale safety text is `withheld`: pages show the source
    text instead (see `Checklist.model_post_init` and "What counts as a safety text")."""

    __slots__ = ("_texts", "source_language", "stale", "translated_from", "withheld")

    def __init__(
        self,
        texts: Mapping[str, str],
        source_language: str | None,
        records: Mapping[str, str],
        languages: list[str] | None = None,
    ):
        self._texts = dict(texts)
        self.source_language = source_language
        self.translated_from: Mapping[str, str] = MappingProxyType(dict(records))
        source = self._texts.get(source_language) if source_language else None
        now = fingerprint(source) if source is not None else None
        # In the order of the checklist's `languages`, for messages that name them.
        self.stale: tuple[str, ...] = tuple(
            language
            for language in languages or self._texts
            if language in self._texts
            and language in records
            and now is not None
            and records[language] != now
        )
        self.withheld: tuple[str, ...] = ()

    def __getitem__(self, language: str) -> str:
        return self._texts[language]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __repr__(self) -> str:
        return f"TextInLanguages({self._texts!r}, translated_from={dict(self.translated_from)!r})"

    @property
    def source(self) -> str:
        """The text in the language the translations are made from."""
        return self._texts[self.source_language]

    def _withhold_stale(self) -> None:
        # Called once, by the checklist that holds this text, before anyone else sees it.
        self.withheld = self.stale


def with_translation_records(
    value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> TextInLanguages:
    """Checks the texts as before, then `translated_from`: a fingerprint for each
    translation, of the source-language text it was made from."""
    if not isinstance(value, dict):
        return handler(value)
    records = value.get(TRANSLATED_FROM, {})
    texts = handler({key: text for key, text in value.items() if key != TRANSLATED_FROM})
    context = info.context or {}
    languages, source = context.get("languages"), context.get("source_language")
    if not languages or source not in languages:
        # Malformed languages are reported once, against `languages`, not in every text.
        return TextInLanguages(texts, source, records if isinstance(records, dict) else {})
    problems = _translation_record_problems(texts, records, languages, source)
    if problems:
        raise ValueError("; ".join(problems))
    return TextInLanguages(texts, source, records, languages)


def _translation_record_problems(
    texts: Mapping[str, str], records: object, languages: list[str], source: str
) -> list[str]:
    translations = [language for language in languages if language != source][:2]
    example = f"{TRANSLATED_FROM}: {{{', '.join(f'{c}: abcdefgh' for c in translations)}}}"
    if not isinstance(records, dict):
        return [
            f"`{TRANSLATED_FROM}` must give, for each translation, the fingerprint of the "
            f"'{source}' text it was made from ({example})"
        ]
    problems = []
    for language, record in records.items():
        if language == source:
            problems.append(
                f"`{TRANSLATED_FROM}` names '{source}', the language translations are made "
                "from: only translations record a fingerprint"
            )
        elif language not in languages:
            problems.append(
                f"`{TRANSLATED_FROM}` names '{language}', which is not among the checklist's "
                f"languages ({', '.join(languages)})"
            )
        elif not isinstance(record, str) or not FINGERPRINT.match(record):
            problems.append(
                f"`{TRANSLATED_FROM}` for '{language}' is {record!r}, not a fingerprint "
                "(eight lower-case letters)"
            )
    unrecorded = [
        language
        for language in languages
        if language != source and language in texts and language not in records
    ]
    if unrecorded and source in texts:
        now = fingerprint(texts[source])
        texts_translate = "text translates" if len(unrecorded) == 1 else "texts translate"
        problems.append(
            f"nothing records which '{source}' text the {_listed(unrecorded)} {texts_translate}"
            ": `flask checklist add-translation` records it; by hand, add "
            f"{', '.join(f'{language}: {now}' for language in unrecorded)} to "
            f"`{TRANSLATED_FROM}` if it translates the '{source}' text as it is now"
        )
    return problems


def _listed(items: list[str]) -> str:
    quoted = [f"'{item}'" for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
