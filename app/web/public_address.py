"""Where the public finds the check, from outside: the address of each language's start page,
and of any other page under the check's public address.

Built only from FLASK_PUBLIC_URL, never from the request's Host header, which the sender
chooses. One place, so that what is printed (the QR code on a poster or card), what search
engines are told (canonical and hreflang links, the sitemap) and the site's own routes can
never disagree.
"""

from __future__ import annotations


def public_address(public_url: str, path: str) -> str:
    """`path`, as the app's routes name it from its own root ("/privacy"), under `public_url`
    (FLASK_PUBLIC_URL, as checked by settings.checked_public_url)."""
    return f"{public_url.rstrip('/')}/{path.lstrip('/')}"


def start_page_address(public_url: str, language: str) -> str:
    """The start page in `language` under `public_url`: https://check.example.org/ + ro →
    https://check.example.org/ro/ (the route is in app/views/journey.py)."""
    return public_address(public_url, f"/{language}/")
