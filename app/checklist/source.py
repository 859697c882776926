"""Reading a checklist file: bytes to YAML data, keeping the node tree for line numbers.

Only YAML's safe subset is read, so a file can never run code or build Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .faults import ChecklistError, Fault

# A checklist is a few dozen kilobytes; a much larger file is a mistake, not content.
MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class ParsedFile:
    path: Path
    data: object
    root: yaml.Node

    def line_of(self, location: tuple[str | int, ...]) -> int | None:
        """The line (1-based) where `location` is, or its nearest enclosing part."""
        node = self.root
        for step in location:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1


def read_checklist_file(path: Path) -> ParsedFile:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ChecklistError(path, [Fault((), "the file does not exist")]) from None
    except IsADirectoryError:
        raise ChecklistError(path, [Fault((), "this is a folder, not a file")]) from None
    except OSError as error:
        message = f"the file cannot be read ({error.strerror})"
        raise ChecklistError(path, [Fault((), message)]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ChecklistError(
            path,
            [Fault((), f"the file is {len(raw):,} bytes; a checklist may be {MAX_FILE_BYTES:,}")],
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ChecklistError(
            path,
            [Fault((), "the file is not UTF-8 text: save it with UTF-8 encoding", line)],
        ) from None
    return _parse(path, text)


def _parse(path: Path, text: str) -> ParsedFile:
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise ChecklistError(path, [Fault((), "the file is empty")])
        duplicates = _duplicate_keys(root, (), set())
        if duplicates:
            raise ChecklistError(path, duplicates)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        raise ChecklistError(path, [_yaml_fault(error)]) from None
    except yaml.YAMLError as error:
        raise ChecklistError(path, [Fault((), f"the file is not valid YAML ({error})")]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ChecklistError(
            path,
            [Fault((), "the file must be a mapping of settings (schema_version, questions, …)", 1)],
        )
    return ParsedFile(path=path, data=data, root=root)


def _yaml_fault(error: yaml.MarkedYAMLError) -> Fault:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "unreadable YAML"
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in problem:
        problem = (
            "the file uses a YAML tag that is not allowed here "
            f"({problem.split('tag', 1)[1].strip()}); a checklist holds only plain text, "
            "numbers, lists and mappings"
        )
    else:
        problem = f"the file is not valid YAML: {problem}"
    return Fault((), problem, mark.line + 1 if mark else None)


def _duplicate_keys(node: yaml.Node, location: tuple, visited: set[int]) -> list[Fault]:
    # PyYAML silently keeps the last of two equal keys; an operator would lose content.
    # Nodes reached again through an alias are skipped: aliases can nest exponentially.
    if id(node) in visited:
        return []
    visited.add(id(node))
    faults = []
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                faults.append(
                    Fault(location, f"the key '{key}' appears twice", key_node.start_mark.line + 1)
                )
            seen.add(key)
            faults.extend(_duplicate_keys(value_node, (*location, key), visited))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            faults.extend(_duplicate_keys(item, (*location, index), visited))
    return faults


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(step):
                return value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]
    return None
