"""The `flask checklist ...` commands: check a checklist file before it goes live and see
what every person would be told (checking.py: `validate`, `matrix`), translate it and have a
translation reviewed (translating.py: `translation-sheet`, `add-translation`,
`review-pack`, `apply-review`), and make what is printed or served by something else
(making.py: `print`, `error-pages`).

Registered as a Flask plugin command (see pyproject.toml), so it works without creating
the app: an operator can validate a file even when the configured one is broken.
"""

from __future__ import annotations

import click

from . import checking, making, translating


@click.group("checklist")
def checklist_group() -> None:
    """Work with the checklist file that holds the service's content."""


for command in (
    checking.validate,
    checking.matrix,
    translating.translation_sheet_command,
    translating.add_translation_command,
    translating.review_pack_command,
    translating.apply_review_command,
    making.print_command,
    making.error_pages_command,
):
    checklist_group.add_command(command)
