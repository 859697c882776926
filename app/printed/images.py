"""The pictures on a printed piece, as data: addresses inside its HTML, so that WeasyPrint
never fetches anything: the QR code, drawn as vectors (sharp at any print size), and each
sign's pictogram from templates/pictures/."""

from __future__ import annotations

from functools import cache
from urllib.parse import quote

import segno

from ..checklist.pictures import PICTURE_FOLDER
from ..pages.qr_codes import QUIET_ZONE


@cache
def qr_code(address: str) -> str:
    """A standard QR code (never Micro QR, which many phones cannot read) for `address`,
    with its light border inside the image: the stylesheet sizes it, the proportions hold."""
    code = segno.make(address, micro=False)
    return code.svg_data_uri(border=QUIET_ZONE, omitsize=True, dark="#000", light="#fff")


@cache
def pictogram(name: str) -> str:
    """A sign's drawing, whole as it is in its file (its lines take the text colour)."""
    svg = (PICTURE_FOLDER / f"{name}.svg").read_text(encoding="utf-8")
    return "data:image/svg+xml;charset=utf-8," + quote(svg)
