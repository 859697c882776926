"""Translating a checklist: every text of one language on a sheet for a translator, and the
translated sheet put back beside the other languages.

A sheet is YAML: one entry per text, named by where it sits in the checklist (list items by
their id), with the source text and a slot for the translation. The source text on the sheet
is what the translation is made from: putting the sheet back records its fingerprint beside
the translation (`translated_from`), so that a later change to the source shows the
translation is out of date. `--stale` sheets hold only those texts.

Putting a sheet back only adds or replaces lines of the checklist file (see `file_edits`),
so its comments, order and layout stay as the content editors wrote them.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .faults import ChecklistError, Fault
from .file_edits import LINE_WIDTH, ChecklistFile, TextEntry
from .fingerprints import as_seen, fingerprint
from .schema import LANGUAGE_CODE

# On a `--stale` sheet, the translation as it was, for the translator to start from.
OUT_OF_DATE = "out_of_date_{}"


def translation_sheet(
    path: str | Path, source: str | None, target: str, *, stale_only: bool = False
) -> str:
    """A sheet of every text in the checklist at `path`, in `source` (the file's source
    language if None), to translate into `target`; with `stale_only`, only the texts whose
    `target` translation was made from a source text that has changed since."""
    file = ChecklistFile(path)
    source = source or file.source_language
    if source not in file.languages:
        raise ValueError(f"{path} has no {source} texts to translate from")
    if stale_only and target not in file.languages:
        raise ValueError(f"{path} has no {target} texts, so none is out of date")
    entries = []
    for text in file.texts():
        if source not in text.texts:
            continue
        if stale_only:
            if not is_out_of_date(text, target, file.source_language):
                continue
            entries.append(
                {
                    "place": text.place,
                    source: text.texts[source],
                    target: "",
                    OUT_OF_DATE.format(target): text.texts.get(target, ""),
                }
            )
        else:
            entries.append({"place": text.place, source: text.texts[source], target: ""})
    header = (
        f"# Translate each `{source}` text into `{target}`, keeping the place names as they are.\n"
        "# Long texts may use `|-`: a blank line starts a new paragraph.\n"
    )
    if stale_only:
        header += (
            f"# Each `{source}` text here has changed since its `{target}` translation was made;\n"
            f"# `{OUT_OF_DATE.format(target)}` is that translation as it is now, to start from.\n"
            f"# Leave each `{source}` text as it is: it is what the translation is made from.\n"
        )
    return header + yaml.dump(
        entries, Dumper=_SheetDumper, allow_unicode=True, sort_keys=False, width=LINE_WIDTH
    )


def is_out_of_date(text: TextEntry, language: str, source: str) -> bool:
    """Whether `language` is missing from `text`, or was translated from another source."""
    if language not in text.texts:
        return True
    return text.translated_from.get(language) != fingerprint(text.texts[source])


class _SheetDumper(yaml.SafeDumper):
    """Writes texts of several lines as `|-` blocks, the way the checklist holds them."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_SheetDumper.add_representer(str, _represent_text)


def add_translation(path: str | Path, sheet: str, target: str) -> str:
    """The checklist file at `path` with the texts of the sheet put in as `target`, each with
    the fingerprint of the source text it was made from.

    A new language must have every text on the sheet; it is added to `languages` and to
    `awaiting_native_speaker_review`. For a language the file has, the sheet updates only the
    texts on it, each of which must be out of date or missing. Refuses, naming each place, a
    sheet that leaves a text untranslated, names a place the checklist does not have, or was
    made from a source text that has changed since."""
    path = Path(path)
    if not LANGUAGE_CODE.match(target):
        raise ValueError(f"{target!r} is not a language code")
    file = ChecklistFile(path)
    source = file.source_language
    if target == source:
        raise ValueError(
            f"{target} is the language {path} is translated from: edit its texts in the file"
        )
    new_language = target not in file.languages
    sheet_entries = _read_sheet(path, sheet)
    texts = {text.place: text for text in file.texts()}
    faults = [
        Fault((place,), "the checklist has no text here")
        for place in sheet_entries.keys() - texts.keys()
    ]
    wanted = texts.keys() if new_language else texts.keys() & sheet_entries.keys()
    updates: dict[str, tuple[str, str]] = {}
    for place in [p for p in texts if p in wanted]:
        text, entry = texts[place], sheet_entries.get(place, {})
        translation = entry.get(target)
        if not isinstance(translation, str) or not translation.strip():
            faults.append(Fault((place,), f"no {target} text on the sheet"))
            continue
        made_from, problem = _made_from(text, entry, file.languages, source, target)
        if problem is None and not new_language and not is_out_of_date(text, target, source):
            problem = (
                f"the {target} text here is up to date (it translates the {source} text as it "
                f"is now), and a sheet only updates texts whose {source} has changed: to "
                f"improve it, edit it in the file or send it through the native review"
            )
        if problem:
            faults.append(Fault((place,), problem))
        else:
            updates[place] = (translation.strip(), made_from)
    if faults:
        raise ChecklistError(path, faults)

    for place, (translation, made_from) in updates.items():
        file.set_text(texts[place], target, translation)
        file.set_translated_from(texts[place], {**texts[place].translated_from, target: made_from})
    if new_language:
        # Nobody who knows the subject has read a new translation yet: start-up warns until
        # a native speaker's review is applied (`flask checklist apply-review`).
        file.add_to_one_line_list("awaiting_native_speaker_review", target)
        file.add_to_one_line_list("languages", target)
    return file.result()


def _read_sheet(path: Path, sheet: str) -> dict[str, dict]:
    try:
        entries = yaml.safe_load(sheet) or []
    except yaml.YAMLError as error:
        raise ValueError(f"the sheet is not valid YAML ({error})") from None
    if not isinstance(entries, list) or not all(
        isinstance(entry, dict) and isinstance(entry.get("place"), str) for entry in entries
    ):
        raise ValueError("the sheet must be a list of entries, each with its `place`")
    return {entry["place"]: entry for entry in entries}


def _made_from(
    text: TextEntry, entry: dict, languages: list[str], source: str, target: str
) -> tuple[str, str | None]:
    """The fingerprint to record for a translation made from the sheet's text, or why not.

    The sheet's own source text is what was translated: it must still be the file's. A
    sheet made from another translation (`--from ro`) records what that one was made from."""
    given = [code for code in languages if code != target and isinstance(entry.get(code), str)]
    if not given:
        return "", "the sheet gives no text to translate from here"
    made_from_language = source if source in given else given[0]
    if as_seen(entry[made_from_language]) != as_seen(text.texts.get(made_from_language, "")):
        return "", (
            f"the {made_from_language} text here has changed since the sheet was made: "
            f"translate it again from a new sheet (`translation-sheet {target} --stale`)"
        )
    if made_from_language == source:
        return fingerprint(text.texts[source]), None
    return text.translated_from.get(made_from_language, ""), None
