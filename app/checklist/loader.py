"""Loading a checklist: read, validate completely, and report every fault at once."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .crosscheck import cross_check
from .faults import ChecklistError, Fault
from .safety import safety_faults
from .schema import LANGUAGE_CODE, Checklist
from .source import ParsedFile, read_checklist_file


def load_checklist(path: str | Path, *, check_safety: bool = True) -> Checklist:
    """The checklist at `path`, or ChecklistError naming every fault in it.

    `check_safety=False` skips only the safety rules (`safety`), so that `flask checklist
    matrix` can show what an unsafe file would tell people; the app never skips them."""
    parsed = read_checklist_file(Path(path))
    try:
        checklist = Checklist.model_validate(parsed.data, context=_context(parsed.data))
    except ValidationError as error:
        details = _without_knock_on_faults(error.errors())
        faults = [_fault_from_pydantic(parsed, detail) for detail in details]
        raise ChecklistError(parsed.path, faults, _item_labeller(parsed.data)) from None
    # The safety rules run on every combination of answers, so only on a file whose parts
    # all fit together.
    faults = cross_check(checklist) or (safety_faults(checklist) if check_safety else [])
    if faults:
        located = [Fault(f.location, f.message, parsed.line_of(f.location)) for f in faults]
        raise ChecklistError(parsed.path, located, _item_labeller(parsed.data))
    return checklist


def _context(data: dict) -> dict:
    """The languages and audiences that every text must cover, and the language translations
    are made from, where the file states them well enough to check against; if not, those
    faults are reported on their own."""
    context = {}
    languages = data.get("languages")
    # A malformed code is reported once, against `languages`, not again in every text.
    if isinstance(languages, list) and all(
        isinstance(code, str) and LANGUAGE_CODE.match(code) for code in languages
    ):
        context["languages"] = languages
        # Translations record the text they were made from, in this language.
        context["source_language"] = data.get("source_language") or data.get("default_language")
    audiences = data.get("audiences")
    if isinstance(audiences, list):
        ids = [a.get("id") for a in audiences if isinstance(a, dict)]
        if ids and all(isinstance(audience_id, str) for audience_id in ids):
            context["audiences"] = ids
    return context


def _without_knock_on_faults(details: list[dict]) -> list[dict]:
    """Pydantic leaves out a list's invalid items and then finds the list too short; that
    second fault only repeats the first, so it is dropped."""

    def inside(location: tuple, outer: tuple) -> bool:
        return len(location) > len(outer) and location[: len(outer)] == outer

    return [
        detail
        for detail in details
        if detail["type"] != "too_short"
        or not any(inside(other["loc"], detail["loc"]) for other in details)
    ]


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
    if kind == "bool_parsing":
        return f"expected true or false but found {given!r}"
    if kind == "literal_error":
        # Pydantic names Python's True and False; the file says true and false.
        expected = detail["ctx"]["expected"].replace("True", "true").replace("False", "false")
        return f"expected {expected} but found {given!r}"
    if kind == "too_short" and isinstance(given, list | tuple):
        needed = detail["ctx"]["min_length"]
        items = "item" if needed == 1 else "items"
        return f"this list needs at least {needed} {items}; it has {len(given)}"
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
