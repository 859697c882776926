"""Loading a checklist: read, validate completely, and report every fault at once."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .crosscheck import cross_check
from .faults import ChecklistError, Fault
from .schema import Checklist
from .source import ParsedFile, read_checklist_file


def load_checklist(path: str | Path) -> Checklist:
    """The checklist at `path`, or ChecklistError naming every fault in it."""
    parsed = read_checklist_file(Path(path))
    try:
        checklist = Checklist.model_validate(parsed.data, context=_context(parsed.data))
    except ValidationError as error:
        faults = [_fault_from_pydantic(parsed, detail) for detail in error.errors()]
        raise ChecklistError(parsed.path, faults, _item_labeller(parsed.data)) from None
    faults = cross_check(checklist)
    if faults:
        located = [Fault(f.location, f.message, parsed.line_of(f.location)) for f in faults]
        raise ChecklistError(parsed.path, located, _item_labeller(parsed.data))
    return checklist


def _context(data: dict) -> dict:
    """The languages and audiences that every text must cover, where the file states them
    well enough to check against; if not, those faults are reported on their own."""
    context = {}
    languages = data.get("languages")
    if isinstance(languages, list) and all(isinstance(code, str) for code in languages):
        context["languages"] = languages
    audiences = data.get("audiences")
    if isinstance(audiences, list):
        ids = [a.get("id") for a in audiences if isinstance(a, dict)]
        if ids and all(isinstance(audience_id, str) for audience_id in ids):
            context["audiences"] = ids
    return context


def _fault_from_pydantic(parsed: ParsedFile, detail: dict) -> Fault:
    location = tuple(step for step in detail["loc"] if not _is_pydantic_internal(step))
    return Fault(location, _plain_message(detail), parsed.line_of(location))


def _is_pydantic_internal(step: str | int) -> bool:
    # Pydantic names the branch of a type it tried (e.g. "function-after[...]") in locations.
    return isinstance(step, str) and "[" in step


def _plain_message(detail: dict) -> str:
    kind, given = detail["type"], detail.get("input")
    if kind == "missing":
        return "this required field is missing"
    if kind == "extra_forbidden":
        return "this field is not part of a checklist (check its spelling and indentation)"
    if kind == "string_type" and isinstance(given, bool):
        return (
            "expected text but found true/false: YAML reads unquoted yes, no, on and off as "
            'true/false, so put them in quotes ("yes")'
        )
    if kind == "string_type" and isinstance(given, int | float):
        return f'expected text but found the number {given}: put it in quotes ("{given}")'
    message = detail["msg"].removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def _item_labeller(data: dict):
    """Names list items by their id, so a fault reads "questions → item 3 (id 'work')"."""

    def describe(location: tuple) -> str | None:
        node = data
        for step in location:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return None
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            return f"id '{node['id']}'"
        return None

    return describe
