"""`flask checklist validate [PATH]`: check a checklist file before it goes live.

Registered as a Flask plugin command (see pyproject.toml), so it works without creating
the app: an operator can validate a file even when the configured one is broken.
"""

from __future__ import annotations

import os

import click

from .checklist import ChecklistError, load_checklist
from .settings import DEFAULTS


@click.group("checklist")
def checklist_group() -> None:
    """Work with the checklist file that holds the service's content."""


@checklist_group.command("validate")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def validate(path: str | None) -> None:
    """Validate PATH (default: FLASK_CHECKLIST_PATH, or checklist.yaml)."""
    path = path or os.environ.get("FLASK_CHECKLIST_PATH") or DEFAULTS["CHECKLIST_PATH"]
    try:
        checklist = load_checklist(path)
    except ChecklistError as error:
        click.echo(error.report(), err=True)
        raise SystemExit(1) from None
    click.echo("ok")
    for note in checklist.to_confirm_before_deployment:
        click.echo(f"warning: {note}", err=True)
    click.echo(
        f"{path}: {len(checklist.questions)} questions ({len(checklist.signs)} signs), "
        f"{len(checklist.contacts)} contacts, {len(checklist.rules)} rules, "
        f"languages: {', '.join(checklist.languages)}"
    )
