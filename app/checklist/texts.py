"""Every text of a checklist, named by its place: where it sits in the file, list items by
their id ("rules[immediate_danger].heading", "questions[age].question.myself").

The same names are used by translation sheets, warnings about stale translations, the native
reviewer's pack and their sign-off, so that each can point at the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from .translated_text import TextInLanguages

# The checklist (schema.Checklist, which uses this module as it is built): any part of the
# schema says from it whether its texts are safety texts.
Checklist = BaseModel


@dataclass(frozen=True)
class PlacedText:
    place: str
    text: TextInLanguages
    # A safety text: see "What counts as a safety text" in schema.py.
    safety: bool


def every_text(checklist: Checklist) -> Iterator[PlacedText]:
    """Every text in the checklist, in the order of its parts and fields."""
    yield from _texts_in(checklist, checklist, "", safety=False)


def texts_by_place(checklist: Checklist) -> dict[str, PlacedText]:
    return {placed.place: placed for placed in every_text(checklist)}


def _texts_in(checklist: Checklist, value: object, place: str, safety: bool):
    if isinstance(value, TextInLanguages):
        yield PlacedText(place, value, safety)
    elif isinstance(value, BaseModel):
        safety = safety or value.holds_safety_texts(checklist)
        for name in type(value).model_fields:
            inner = f"{place}.{name}" if place else name
            yield from _texts_in(checklist, getattr(value, name), inner, safety)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            item_id = getattr(item, "id", None)
            yield from _texts_in(
                checklist, item, f"{place}[{item_id if item_id else index}]", safety
            )
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts_in(checklist, item, f"{place}.{key}", safety)
