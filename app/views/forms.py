"""What a person chose on a page, checked against the ids the checklist offers.

Every form in the check is one group of radio buttons (or buttons) whose values are checklist
ids, so reading one is a lookup: was one of the offered ids sent? WTForms form objects did
the same at a noticeable share of an answer's cost (bench/README.md), so forms are read
directly. CSRF is checked once for every POST by Flask-WTF's CSRFProtect (see create_app);
templates put the token in each form with csrf_token().
"""

from __future__ import annotations

from collections.abc import Collection

from flask import request


def chosen(field: str, offered: Collection[str]) -> str | None:
    """The id sent in `field` if the page offered it; None if nothing, or anything else, was."""
    value = request.form.get(field)
    return value if value in offered else None
