"""Changing a checklist file the way a content editor would: whole lines added or replaced,
everything else (comments, order, layout) left exactly as written.

The file is read once as lines and as YAML's node tree (which knows the line of every key);
edits are collected, then made from the bottom of the file up, so that each leaves the line
numbers above it alone. Nothing is written here: `result()` gives the new text, which the
caller validates before writing it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from .translated_text import TRANSLATED_FROM

# The file's own line length, so that added texts look like the ones beside them.
LINE_WIDTH = 96


@dataclass(frozen=True)
class TextEntry:
    """One text of the file: where it is, its node, its languages and its records."""

    place: str
    node: yaml.MappingNode
    texts: dict[str, str]
    translated_from: dict[str, str]


@dataclass(frozen=True)
class _Edit:
    start: int  # the first line replaced (0-based)
    end: int  # the line after the last one replaced; == start for an insertion
    lines: list[str]
    order: int  # for edits at the same line: the later one's lines end up first


class ChecklistFile:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        text = self.path.read_text(encoding="utf-8")
        self.lines = text.splitlines()
        self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        self.languages = self._languages()
        self._edits: list[_Edit] = []

    def _languages(self) -> list[str]:
        node = value_of(self.root, "languages")
        if node is None or node.flow_style is not True:
            raise ValueError(
                "the checklist must list its languages on one line: languages: [en, ro]"
            )
        return [item.value for item in node.value]

    @property
    def source_language(self) -> str:
        for key in ("source_language", "default_language"):
            node = value_of(self.root, key)
            if node is not None:
                return node.value
        return self.languages[0]

    def texts(self) -> list[TextEntry]:
        """Every text, in file order."""
        return [
            TextEntry(place, node, _texts(node, self.languages), _records(node))
            for place, node in _text_maps(self.root, self.languages, self.source_language)
        ]

    # Edits

    def set_text(self, entry: TextEntry, language: str, text: str) -> None:
        """Replace the `language` text of `entry`, or add it after the entry's last language."""
        key = _key(entry.node, language)
        if key is not None:
            end = _end_of_entry(self.lines, key.start_mark.line, key.start_mark.column)
            self._edit(key.start_mark.line, end, _entry_lines(language, text, key.start_mark))
        else:
            last = self._last_language_key(entry)
            at = _end_of_entry(self.lines, last.start_mark.line, last.start_mark.column)
            self._edit(at, at, _entry_lines(language, text, last.start_mark))

    def set_translated_from(self, entry: TextEntry, records: dict[str, str]) -> None:
        """Rewrite the entry's `translated_from` as one line, in the file's language order."""
        ordered = {code: records[code] for code in [*self.languages, *records] if code in records}
        key = _key(entry.node, TRANSLATED_FROM)
        anchor = key or self._last_language_key(entry)
        line = (
            " " * anchor.start_mark.column
            + f"{TRANSLATED_FROM}: {{"
            + ", ".join(f"{code}: {value}" for code, value in ordered.items())
            + "}"
        )
        if key is not None:
            end = _end_of_entry(self.lines, key.start_mark.line, key.start_mark.column)
            self._edit(key.start_mark.line, end, [line])
        else:
            at = _end_of_entry(self.lines, anchor.start_mark.line, anchor.start_mark.column)
            self._edit(at, at, [line])

    def add_to_one_line_list(self, key: str, code: str) -> None:
        """Add `code` to the one-line list `key: [en, ro]`; a missing list is added at the end
        of the file."""
        node = self._one_line_list(key)
        if node is None:
            self._edit(len(self.lines), len(self.lines), [f"{key}: [{code}]"])
        else:
            self._rewrite_one_line_list(node, [*(item.value for item in node.value), code])

    def remove_from_one_line_list(self, key: str, code: str) -> None:
        node = self._one_line_list(key)
        if node is not None:
            self._rewrite_one_line_list(node, [i.value for i in node.value if i.value != code])

    def add_to_list_under(
        self, section: str, key: str, item: dict, after: str, comment: str = ""
    ) -> None:
        """Add `item`, written on one line, to the list at `section: {key: [...]}`; the section
        is added, under `comment`, after the top-level entry `after` (or at the end) when the
        file has none."""
        written = yaml.safe_dump(
            item, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000
        ).strip()
        mapping = value_of(self.root, section)
        if mapping is None:
            anchor = _key(self.root, after)
            at = (
                _end_of_entry(self.lines, anchor.start_mark.line, 0)
                if anchor is not None
                else len(self.lines)
            )
            explained = ["", *(f"# {line}".rstrip() for line in comment.splitlines())]
            self._edit(at, at, [*explained, f"{section}:", f"  {key}:", f"    - {written}"])
            return
        if not isinstance(mapping, yaml.MappingNode) or mapping.flow_style:
            raise ValueError(f"the checklist's `{section}` must be written one entry a line")
        listing = value_of(mapping, key)
        if listing is None:
            last = mapping.value[-1][0]
            at = _end_of_entry(self.lines, last.start_mark.line, last.start_mark.column)
            indent = " " * last.start_mark.column
            self._edit(at, at, [f"{indent}{key}:", f"{indent}  - {written}"])
            return
        if not isinstance(listing, yaml.SequenceNode) or listing.flow_style or not listing.value:
            raise ValueError(f"the checklist's `{section}` → `{key}` must be a list, one a line")
        last_item = listing.value[-1]
        dash = last_item.start_mark.column - 2
        at = _end_of_entry(self.lines, last_item.start_mark.line, dash)
        self._edit(at, at, [" " * dash + f"- {written}"])

    def result(self) -> str:
        lines = list(self.lines)
        for edit in sorted(self._edits, key=lambda e: (e.start, e.order), reverse=True):
            lines[edit.start : edit.end] = edit.lines
        return "\n".join(lines) + "\n"

    def _edit(self, start: int, end: int, lines: list[str]) -> None:
        self._edits.append(_Edit(start, end, lines, len(self._edits)))

    def _last_language_key(self, entry: TextEntry) -> yaml.Node:
        keys = [k for k, _ in entry.node.value if k.value != TRANSLATED_FROM]
        if entry.node.flow_style:
            raise ValueError(f"{entry.place}: write this text one language a line to change it")
        return keys[-1]

    def _one_line_list(self, key: str) -> yaml.SequenceNode | None:
        node = value_of(self.root, key)
        if node is not None and (
            not isinstance(node, yaml.SequenceNode) or node.flow_style is not True
        ):
            raise ValueError(f"the checklist must write `{key}` on one line: {key}: [ro, sq]")
        return node

    def _rewrite_one_line_list(self, node: yaml.SequenceNode, codes: list[str]) -> None:
        line = node.start_mark.line
        text = self.lines[line]
        rewritten = (
            text[: node.start_mark.column]
            + "["
            + ", ".join(codes)
            + "]"
            + text[node.end_mark.column :]
        )
        self._edit(line, line + 1, [rewritten])


def value_of(mapping: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((v for k, v in mapping.value if k.value == key), None)


def _key(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((k for k, _ in mapping.value if k.value == key), None)


def _texts(node: yaml.MappingNode, languages: list[str]) -> dict[str, str]:
    return {k.value: v.value for k, v in node.value if k.value in languages}


def _records(node: yaml.MappingNode) -> dict[str, str]:
    records = value_of(node, TRANSLATED_FROM)
    if not isinstance(records, yaml.MappingNode):
        return {}
    return {k.value: v.value for k, v in records.value if isinstance(v, yaml.ScalarNode)}


def _text_maps(node: yaml.Node, languages: list[str], source: str, place: str = ""):
    """Every (place, mapping) that is a text: its keys are languages of the checklist, the
    source language among them (others may be missing), each holding a text; beside them may
    be the record of what its translations were made from."""
    if isinstance(node, yaml.MappingNode):
        entries = [(k.value, v) for k, v in node.value if k.value != TRANSLATED_FROM]
        if (
            any(key == source for key, _ in entries)
            and all(key in languages for key, _ in entries)
            and all(isinstance(value, yaml.ScalarNode) for _, value in entries)
        ):
            yield place, node
            return
        for key, value in node.value:
            inner = f"{place}.{key.value}" if place else key.value
            yield from _text_maps(value, languages, source, inner)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            item_id = value_of(item, "id")
            inner = f"{place}[{item_id.value if item_id is not None else index}]"
            yield from _text_maps(item, languages, source, inner)


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


def _entry_lines(language: str, text: str, mark: yaml.Mark) -> list[str]:
    column = mark.column
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
