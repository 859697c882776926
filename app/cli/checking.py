"""`flask checklist validate` and `flask checklist matrix`: check a checklist file before it
goes live, and see what every person would be told."""

from __future__ import annotations

import io
import time
from datetime import date

import click

from ..checklist import load_checklist
from ..checklist.combinations import count_of_combinations
from ..checklist.outcomes import distinct_outcomes
from ..checklist.safety import safety_faults
from ..checklist.upkeep import before_going_live
from ..pages import languages as interface
from ..pages.catalogue_status import catalogue_notes
from .common import checklist_path, refusing
from .matrix import matrix_rows, write_csv, write_html, write_table


@click.command("validate")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse the file (exit status 1) while anything is left to do before going live: "
    "for CI and releases.",
)
@click.option(
    "--on",
    "on_day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Judge the contacts' checking dates as on this day (YYYY-MM-DD), not today.",
)
def validate(path: str | None, strict: bool, on_day) -> None:
    """Validate PATH (default: FLASK_CHECKLIST_PATH, or checklist.yaml), including the
    safety rules for every combination of audience and answers, and say what is left to do
    before going live: placeholders, reviews, contacts to re-check, translations and
    interface messages out of date."""
    path = checklist_path(path)
    started = time.perf_counter()
    with refusing():
        checklist = load_checklist(path)
    elapsed = time.perf_counter() - started
    notes = [
        *before_going_live(checklist, on_day.date() if on_day else date.today()),
        *catalogue_notes(checklist.languages, interface.TRANSLATIONS),
    ]
    if strict and notes:
        for note in notes:
            click.echo(f"error: {note}", err=True)
        click.echo(f"{path}: refused by --strict: {len(notes)} thing(s) to do first", err=True)
        raise SystemExit(1)
    click.echo("ok")
    for note in notes:
        click.echo(f"warning: {note}", err=True)
    click.echo(
        f"{path}: {len(checklist.questions)} questions ({len(checklist.signs)} signs), "
        f"{len(checklist.contacts)} contacts, {len(checklist.rules)} rules, "
        f"languages: {', '.join(checklist.languages)}"
    )
    click.echo(
        f"safety: all {count_of_combinations(checklist):,} combinations of audience and "
        f"answers checked ({elapsed * 1000:.0f} ms with reading the file)"
    )


@click.command("matrix")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "table"]),
    default="csv",
    show_default=True,
    help="CSV for a spreadsheet or diff; table for reading in a terminal.",
)
@click.option(
    "--html",
    "html_dir",
    type=click.Path(file_okay=False),
    help="Also write the guidance page of each distinct outcome, in every language, to "
    "this folder, with an index.html.",
)
def matrix(path: str | None, output_format: str, html_dir: str | None) -> None:
    """One line per combination of audience and answers: the rules that apply and the
    contacts shown. PATH defaults to FLASK_CHECKLIST_PATH, or checklist.yaml."""
    path = checklist_path(path)
    with refusing():
        # Unsafe files are shown too, so that an editor can see what they would say.
        checklist = load_checklist(path, check_safety=False)
    rows = matrix_rows(checklist)
    output = io.StringIO()
    (write_table if output_format == "table" else write_csv)(rows, output)
    click.echo(output.getvalue(), nl=False)
    faults = safety_faults(checklist)
    if faults:
        click.echo(
            f"warning: {path} fails {len(faults)} safety rule(s); "
            "`flask --app app checklist validate` names them",
            err=True,
        )
    if html_dir:
        if faults:
            click.echo("--html needs a file that passes validate: the app refuses it", err=True)
            raise SystemExit(1)
        written = write_html(path, checklist, distinct_outcomes(checklist), html_dir)
        click.echo(f"wrote {written} pages and index.html to {html_dir}", err=True)
