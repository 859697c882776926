"""The page title rule (templates/base.html; docs/content-editors.md, "Page titles"), as
tests check it: the start page's title is the service's full name; every other page's is
its own short name, a dash (SEPARATOR) and the service's short name; "Error: " (in the
page's language) before either when the page shows an error; never over 65 characters."""

from __future__ import annotations

from app.checklist import Checklist

MOST_CHARACTERS = 65
SEPARATOR = " \N{EN DASH} "


def title_of(page) -> str:
    """The title as a browser gives it (document.title): spaces run together, trimmed."""
    return " ".join(page.title.get_text().split())


def follows_the_title_rule(title: str, checklist: Checklist, language: str) -> bool:
    """Whether `title` (a page of the check, not a kiosk's welcome screen) is the service's
    full name or ends with its short name, and fits."""
    full, short = checklist.service_name[language], checklist.short_service_name[language]
    return len(title) <= MOST_CHARACTERS and (
        title.endswith(full) or title.endswith(SEPARATOR + short)
    )
