"""Numbers that must read left to right inside right-to-left text.

In an Arabic sentence the groups of "0800 0121 700" would be laid out right to left, so the
number would read "700 0121 0800": the spaces between its groups take the direction of the
text around them. Held in an isolate with its own direction (<bdi dir="ltr">), the groups
keep their order whatever surrounds them. Contact details shown on their own are isolated in
the templates (dir="ltr" on their element); this is for numbers inside the checklist's texts.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# Digits in groups separated by spaces (ordinary or no-break), with an optional leading "+":
# a number of one group keeps its order by itself.
SPACED_NUMBER = re.compile(r"\+?\d+(?:[ \u00a0]\d+)+")


def isolate_numbers(text: str) -> Markup:
    """`text`, escaped, with every number written in groups held left to right."""
    return Markup(SPACED_NUMBER.sub(r'<bdi dir="ltr">\g<0></bdi>', str(escape(text))))
