"""A short fingerprint of a text, so that a translation can record the source text it was
made from and be found out of date when that text changes.

Only what a person sees counts: the page joins the lines of a paragraph and separates
paragraphs (see `app.content.paragraphs`), so re-wrapping a text in the file leaves its
fingerprint alone, while a changed word or a new paragraph changes it.
"""

from __future__ import annotations

import hashlib
import re

# Eight lower-case letters: short enough to sit on one line beside four languages, and never
# read by YAML as anything but text (all digits would be a number, "0x…" too).
FINGERPRINT = re.compile(r"^[a-z]{8}$")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def as_seen(text: str) -> str:
    """The text as a page shows it: paragraphs split at blank lines, each on one line."""
    return "\n\n".join(" ".join(block.split()) for block in text.split("\n\n") if block.strip())


def fingerprint(text: str) -> str:
    digest = hashlib.sha256(as_seen(text).encode("utf-8")).digest()
    return "".join(_LETTERS[byte % len(_LETTERS)] for byte in digest[:8])
