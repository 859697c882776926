"""Where the public finds the check, from outside: the address of each language's start page.

One function, so that what is printed (the QR code on a poster or card) and the site itself
(its links between languages) can never disagree about it.
"""

from __future__ import annotations


def start_page_address(public_url: str, language: str) -> str:
    """The start page in `language` under `public_url` (FLASK_PUBLIC_URL, as checked by
    settings.checked_public_url): https://check.example.org/ + ro → https://check.example.org/ro/
    """
    return f"{public_url.rstrip('/')}/{language}/"
