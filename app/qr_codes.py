"""QR codes a person can scan with their own phone to take a contact away from a kiosk.

Standard QR codes (never Micro QR, which many phones cannot read), drawn by segno as inline
SVG: one path of dark modules, sized by the stylesheet. Contacts never change while the
service runs, so each code is made once per address and label (the label is translated).
"""

from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup

# The light border the QR standard asks for, in modules. In a path it costs no bytes.
QUIET_ZONE = 4


@lru_cache(maxsize=512)
def qr_svg(data: str, label: str) -> Markup:
    """An inline <svg> QR code for `data`, named `label` for screen readers."""
    svg = segno.make(data, micro=False).svg_inline(
        border=QUIET_ZONE, omitsize=True, svgclass="qr-code", lineclass=None, title=label
    )
    # role="img" makes every browser use the <title> as the image's name.
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
