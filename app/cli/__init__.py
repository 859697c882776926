"""The `flask checklist ...` commands: check a checklist file before it goes live
(`validate`), see what every person would be told (`matrix`), translate it
(`translation-sheet`, `add-translation`), print posters and wallet cards about the
check (`print`, drawn by app/printed/), and build the pages nginx shows by itself
(`error-pages`, app/cli/error_pages.py).

Registered as a Flask plugin command (see pyproject.toml), so it works without creating
the app: an operator can validate a file even when the configured one is broken.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from datetime import date
from pathlib import Path

import click
import yaml

from ..checklist import ChecklistError, load_checklist
from ..checklist.combinations import count_of_combinations
from ..checklist.file_edits import ChecklistFile
from ..checklist.outcomes import distinct_outcomes
from ..checklist.safety import safety_faults
from ..checklist.translation_sheet import add_translation, translation_sheet
from ..checklist.upkeep import before_going_live
from ..pages import languages as interface
from ..pages.catalogue_status import catalogue_notes
from ..pages.languages import check_interface_translations
from ..review.commands import apply_review_command, review_pack_command
from ..settings import DEFAULTS, ConfigurationError, checked_public_url
from .matrix import matrix_rows, write_csv, write_html, write_table


@click.group("checklist")
def checklist_group() -> None:
    """Work with the checklist file that holds the service's content."""


def _path_or_default(path: str | None) -> str:
    return path or os.environ.get("FLASK_CHECKLIST_PATH") or DEFAULTS["CHECKLIST_PATH"]


@checklist_group.command("validate")
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
    path = _path_or_default(path)
    started = time.perf_counter()
    try:
        checklist = load_checklist(path)
    except ChecklistError as error:
        click.echo(error.report(), err=True)
        raise SystemExit(1) from None
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


@checklist_group.command("matrix")
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
    path = _path_or_default(path)
    try:
        # Unsafe files are shown too, so that an editor can see what they would say.
        checklist = load_checklist(path, check_safety=False)
    except ChecklistError as error:
        click.echo(error.report(), err=True)
        raise SystemExit(1) from None
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


@checklist_group.command("translation-sheet")
@click.argument("language")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--from",
    "source",
    help="The language to translate from (default: the one the file's texts are written in).",
)
@click.option(
    "--stale",
    is_flag=True,
    help="Only the texts whose LANGUAGE translation was made from a text that has changed "
    "since, each with its translation as it is now.",
)
def translation_sheet_command(
    language: str, path: str | None, source: str | None, stale: bool
) -> None:
    """Print every text of the checklist at PATH on a sheet to translate into LANGUAGE."""
    try:
        sheet = translation_sheet(_path_or_default(path), source, language, stale_only=stale)
    except ValueError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
    click.echo(sheet, nl=False)
    if stale and sheet.rstrip().endswith("[]"):
        click.echo(f"no {language} text is out of date", err=True)


@checklist_group.command("add-translation")
@click.argument("language")
@click.argument("sheet", type=click.File(encoding="utf-8"))
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def add_translation_command(language: str, sheet, path: str | None) -> None:
    """Put the LANGUAGE texts of SHEET into the checklist at PATH, each with the fingerprint
    of the text it was translated from, then validate it. A new language needs every text; a
    language the file has is updated, for the texts on the sheet only (each must be out of
    date). The file is rewritten only when the result passes validation."""
    path = _path_or_default(path)
    new_language = language not in _languages_of(path)
    try:
        text = add_translation(path, sheet.read(), language)
    except (ChecklistError, ValueError) as error:
        click.echo(error.report() if isinstance(error, ChecklistError) else str(error), err=True)
        raise SystemExit(1) from None
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".yaml", delete=False) as draft:
        draft.write(text)
    try:
        load_checklist(draft.name)
    except ChecklistError as error:
        click.echo(error.report(), err=True)
        raise SystemExit(1) from None
    finally:
        os.unlink(draft.name)
    Path(path).write_text(text, encoding="utf-8")
    if new_language:
        click.echo(
            f"added {language} to {path}; now add its interface catalogue (docs/content-editors.md)"
        )
    else:
        click.echo(f"updated the {language} texts on the sheet in {path}")


def _languages_of(path: str) -> list[str]:
    try:
        return ChecklistFile(path).languages
    except (OSError, ValueError, yaml.YAMLError):
        return []  # add_translation reports what is wrong with the file


# The native speaker's review (app/review): its commands join this group.
checklist_group.add_command(review_pack_command)
checklist_group.add_command(apply_review_command)


@checklist_group.command("print")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--language",
    "languages",
    multiple=True,
    help="A language to print (repeat for more); every language of the checklist if none.",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default="printed",
    show_default=True,
    help="The folder to write the PDF files to.",
)
def print_command(path: str | None, languages: tuple[str, ...], output: Path) -> None:
    """Write the posters and wallet cards, as print-ready PDF files, for every language of
    the checklist at PATH (or the ones named). Their QR codes lead to each language's start
    page under FLASK_PUBLIC_URL."""
    # Here, not at the top: every `flask` command loads this package, and a server that never
    # prints need not have WeasyPrint's system libraries.
    try:
        from ..printed import PIECES, PieceDoesNotFit, notes_before_printing, write_pieces
    except OSError as error:
        click.echo(
            f"WeasyPrint cannot load its system libraries ({error}): install them as "
            "docs/operators.md says under Fonts.",
            err=True,
        )
        raise SystemExit(1) from None
    path = _path_or_default(path)
    try:
        public_url = checked_public_url(os.environ.get("FLASK_PUBLIC_URL"))
        if public_url is None:
            raise ConfigurationError(
                "FLASK_PUBLIC_URL is not set: the QR codes need the check's public address, "
                "e.g. FLASK_PUBLIC_URL=https://check.example.org/ (nothing was printed)."
            )
        checklist = load_checklist(path)
        check_interface_translations(checklist)
    except ChecklistError as error:
        click.echo(error.report(), err=True)
        raise SystemExit(1) from None
    except ConfigurationError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
    unknown = [code for code in languages if code not in checklist.languages]
    if unknown:
        click.echo(
            f"{path} has no language {', '.join(unknown)}: it has {', '.join(checklist.languages)}",
            err=True,
        )
        raise SystemExit(1)
    chosen = list(languages or checklist.languages)
    for note in notes_before_printing(checklist, chosen):
        click.echo(f"warning: {note}", err=True)
    try:
        written = write_pieces(checklist, chosen, public_url, output)
    except PieceDoesNotFit as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
    for target in written:
        click.echo(str(target))
    click.echo(
        f"wrote {len(written)} files ({', '.join(piece.name for piece in PIECES)}) to {output}",
        err=True,
    )


@checklist_group.command("error-pages")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder to write them to (default: deploy/error-pages).",
)
def error_pages_command(path: str | None, output: Path | None) -> None:
    """Build the pages nginx shows by itself (413, 429, 502, 503, 504), in every language of
    the checklist at PATH, from the interface catalogues; then say the
    Content-Security-Policy deploy/nginx.conf must send with them."""
    from .error_pages import FOLDER, content_security_policy, write_error_pages

    path = _path_or_default(path)
    try:
        checklist = load_checklist(path)
        check_interface_translations(checklist)
    except ChecklistError as error:
        click.echo(error.report(), err=True)
        raise SystemExit(1) from None
    except ConfigurationError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
    for target in write_error_pages(checklist, output or FOLDER):
        click.echo(str(target))
    click.echo(
        f"languages: {', '.join(checklist.languages)}. deploy/nginx.conf must send them with\n"
        f'  add_header Content-Security-Policy "{content_security_policy()}" always;',
        err=True,
    )
