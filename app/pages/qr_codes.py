"""QR codes a person can scan with their own phone to take a contact away from a kiosk.

Standard QR codes (never Micro QR, which many phones cannot read), drawn by segno as a PNG of
one pixel per module inside the page, scaled up by the stylesheet with sharp edges. A 1-bit
PNG is a fraction of the same code as inline SVG, and the guidance page carries up to nine
(docs/developers.md, Page weight). Contacts never change while the service runs, so each
code is made once per address and label (the label is translated).
"""

from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup

# The light border the QR standard asks for, in modules: part of the image, so it is there
# whatever the page around it looks like.
QUIET_ZONE = 4


@lru_cache(maxsize=512)
def qr_image(data: str, label: str) -> Markup:
    """An <img> of the QR code for `data`, with `label` as its text alternative."""
    source = segno.make(data, micro=False).png_data_uri(scale=1, border=QUIET_ZONE)
    return Markup('<img class="qr-code" src="{}" alt="{}">').format(source, label)
