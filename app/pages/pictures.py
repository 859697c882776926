"""The pictogram beside each sign: inline SVG drawn for this project, named in the checklist.

Each file in templates/pictures/ is a complete SVG that any viewer can open. Pages carry the
drawing inline (no extra request, and `currentColor` follows the text colour, forced colours
included) inside one wrapper written here, so every picture shares the same line style.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from ..checklist.pictures import PICTURE_FOLDER

# Everything between <svg ...> and </svg>: the drawing without its wrapper.
_DRAWING = re.compile(r"<svg\b[^>]*>(.*)</svg>", re.DOTALL)
_BETWEEN_TAGS = re.compile(r">\s+<")


@cache
def drawing(name: str, folder: Path = PICTURE_FOLDER) -> str:
    """The picture's shapes, minified: each byte is sent with every page that shows it."""
    source = (folder / f"{name}.svg").read_text(encoding="utf-8")
    match = _DRAWING.search(source)
    if match is None:
        raise ValueError(f"{folder / name}.svg has no <svg> element")
    return _BETWEEN_TAGS.sub("><", match.group(1).strip())


def inline_picture(name: str, description: str | None) -> Markup:
    """The picture as inline SVG: named for assistive technology by its description, or
    hidden from it when it only repeats the text beside it (description None)."""
    if description:
        named = f'role="img" aria-label="{escape(description)}"'
    else:
        named = 'aria-hidden="true"'
    return Markup(
        # Line style (fill, stroke) comes from the stylesheet's .picture, not repeated here.
        f'<svg class="picture" viewBox="0 0 48 48" width="48" height="48" {named}>'
        f"{drawing(name)}</svg>"
    )
