"""Translating a checklist: every text of one language on a sheet for a translator, and the
translated sheet put back beside the other languages.

A sheet is YAML: one entry per text, named by where it sits in the checklist (list items by
their id), with the source text and a slot for the translation. Putting a sheet back only
adds lines to the checklist file, after each text's last language, so its comments, order
and layout stay as the content editors wrote them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from .faults import ChecklistError, Fault
from .schema import LANGUAGE_CODE

# The file's own line length, so that added texts look like the ones beside them.
LINE_WIDTH = 96


def translation_sheet(path: str | Path, source: str, target: str) -> str:
    """A sheet of every text in the checklist at `path`, in `source`, to translate into
    `target`."""
    root = _compose(path)
    languages = _languages(root)
    entries = [
        {"place": place, source: _text(node, source), target: ""}
        for place, node in _text_maps(root, languages)
    ]
    header = (
        f"# Translate each `{source}` text into `{target}`, keeping the place names as they are.\n"
        "# Long texts may use `|-`: a blank line starts a new paragraph.\n"
    )
    return header + yaml.dump(
        entries, Dumper=_SheetDumper, allow_unicode=True, sort_keys=False, width=LINE_WIDTH
    )


class _SheetDumper(yaml.SafeDumper):
    """Writes texts of several lines as `|-` blocks, the way the checklist holds them."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_SheetDumper.add_representer(str, _represent_text)


def add_translation(path: str | Path, sheet: str, target: str) -> str:
    """The checklist file at `path` with `target` added to its languages and every text of the
    sheet added beside the others. Refuses, naming each place, a sheet that leaves a text
    untranslated or names a place the checklist does not have."""
    path = Path(path)
    if not LANGUAGE_CODE.match(target):
        raise ValueError(f"{target!r} is not a language code")
    root = _compose(path)
    languages = _languages(root)
    if target in languages:
        raise ValueError(f"{path} already has {target}")
    translations = {entry["place"]: entry.get(target) for entry in yaml.safe_load(sheet) or []}
    text_maps = dict(_text_maps(root, languages))
    faults = [
        Fault((place,), f"no {target} text on the sheet")
        for place in text_maps
        if not isinstance(translations.get(place), str) or not translations[place].strip()
    ] + [
        Fault((place,), "the checklist has no text here")
        for place in translations.keys() - text_maps.keys()
    ]
    if faults:
        raise ChecklistError(path, faults)

    lines = path.read_text(encoding="utf-8").splitlines()
    _mark_awaiting_review(root, lines, target)
    # From the bottom up, so that each insertion leaves the line numbers above it alone.
    for place, node in sorted(text_maps.items(), key=lambda item: -item[1].start_mark.line):
        key = node.value[-1][0]
        at = _end_of_entry(lines, key.start_mark.line, key.start_mark.column)
        lines[at:at] = _entry_lines(target, translations[place].strip(), key.start_mark.column)
    _append_to_flow_list(lines, _value(root, "languages"), target)
    return "\n".join(lines) + "\n"


def _mark_awaiting_review(root: yaml.Node, lines: list[str], target: str) -> None:
    """A new translation has not been read by a native speaker who knows the subject: list
    it under `awaiting_native_speaker_review`, so that start-up warns until someone has.
    Runs before the texts are added: it changes no line numbers, except by adding a line
    at the very end of the file."""
    node = _value(root, "awaiting_native_speaker_review")
    if node is None:
        lines.append(f"awaiting_native_speaker_review: [{target}]")
        return
    if not isinstance(node, yaml.SequenceNode) or node.flow_style is not True:
        raise ValueError(
            "the checklist must list awaiting_native_speaker_review on one line: [ro, sq]"
        )
    _append_to_flow_list(lines, node, target)


def _append_to_flow_list(lines: list[str], node: yaml.SequenceNode, code: str) -> None:
    """Rewrite the one-line list `node` (`[en, ro]`, however it is spaced) with `code` added."""
    line = node.start_mark.line
    codes = [item.value for item in node.value]
    lines[line] = (
        lines[line][: node.start_mark.column]
        + "["
        + ", ".join([*codes, code])
        + "]"
        + lines[line][node.end_mark.column :]
    )


def _compose(path: str | Path) -> yaml.Node:
    return yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)


def _languages(root: yaml.Node) -> list[str]:
    node = _value(root, "languages")
    if node is None or node.flow_style is not True:
        raise ValueError("the checklist must list its languages on one line: languages: [en, ro]")
    return [item.value for item in node.value]


def _value(mapping: yaml.Node, key: str) -> yaml.Node | None:
    return next((v for k, v in mapping.value if k.value == key), None)


def _text(node: yaml.MappingNode, language: str) -> str:
    return _value(node, language).value


def _text_maps(node: yaml.Node, languages: list[str], place: str = ""):
    """Every (place, mapping) whose keys are exactly the checklist's languages."""
    if isinstance(node, yaml.MappingNode):
        keys = [k.value for k, _ in node.value]
        if keys and set(keys) == set(languages):
            yield place, node
            return
        for key, value in node.value:
            yield from _text_maps(value, languages, f"{place}.{key.value}" if place else key.value)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            item_id = _value(item, "id") if isinstance(item, yaml.MappingNode) else None
            yield from _text_maps(
                item, languages, f"{place}[{item_id.value if item_id else index}]"
            )


def _end_of_entry(lines: list[str], key_line: int, column: int) -> int:
    """The line after the entry that starts at `key_line`: its value may run on, indented
    deeper, over several lines and blank lines."""
    at = key_line + 1
    while at < len(lines) and (not lines[at].strip() or _indent(lines[at]) > column):
        at += 1
    while not lines[at - 1].strip():
        at -= 1
    return at


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _entry_lines(language: str, text: str, column: int) -> list[str]:
    indent = " " * column
    single = f"{indent}{language}: {text}"
    if "\n" not in text and len(single) <= LINE_WIDTH:
        if _reads_back_as(f"{language}: {text}", {language: text}):
            return [single]
        quoted = f'{indent}{language}: "{_double_quoted(text)}"'
        if len(quoted) <= LINE_WIDTH:
            return [quoted]
    block = [f"{indent}{language}: |-"]
    width = LINE_WIDTH - column - 2
    for number, paragraph in enumerate(text.split("\n\n")):
        if number:
            block.append("")
        wrapped = textwrap.wrap(
            " ".join(paragraph.split()), width=width, break_long_words=False, break_on_hyphens=False
        )
        block += [f"{indent}  {line}" for line in wrapped]
    return block


def _reads_back_as(line: str, expected: dict) -> bool:
    try:
        return yaml.safe_load(line) == expected
    except yaml.YAMLError:
        return False


def _double_quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
