"""Translating the check, and a native speaker's review of a translation:
`translation-sheet` and `add-translation` carry the checklist's texts to a translator and
back; `review-pack` and `apply-review` carry every text of a language (the checklist's and
the interface's) to a native reviewer and their sign-off back into the files (app/review/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
import yaml

from ..checklist import load_checklist
from ..checklist.file_edits import ChecklistFile
from ..checklist.translation_sheet import add_translation, translation_sheet
from ..checklist.upkeep import stale_translations
from ..pages import languages as interface
from ..pages.catalogue_status import catalogue_path
from ..review.pack import write_pack
from ..review.sign_off import apply_review
from ..settings import PROJECT_ROOT
from .common import checklist_path, refusing, validated, write


@click.command("translation-sheet")
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
    with refusing():
        sheet = translation_sheet(checklist_path(path), source, language, stale_only=stale)
    click.echo(sheet, nl=False)
    if stale and sheet.rstrip().endswith("[]"):
        click.echo(f"no {language} text is out of date", err=True)


@click.command("add-translation")
@click.argument("language")
@click.argument("sheet", type=click.File(encoding="utf-8"))
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def add_translation_command(language: str, sheet, path: str | None) -> None:
    """Put the LANGUAGE texts of SHEET into the checklist at PATH, each with the fingerprint
    of the text it was translated from, then validate it. A new language needs every text; a
    language the file has is updated, for the texts on the sheet only (each must be out of
    date). The file is rewritten only when the result passes validation."""
    path = checklist_path(path)
    new_language = language not in _languages_of(path)
    with refusing():
        text = add_translation(path, sheet.read(), language)
        validated(text)
    write(path, text)
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


@click.command("review-pack")
@click.argument("language")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--out",
    "folder",
    default="review",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The folder to write LANGUAGE-review.html and LANGUAGE-sign-off.yaml to.",
)
def review_pack_command(language: str, path: str | None, folder: str) -> None:
    """Write the native reviewer's pack for LANGUAGE of the checklist at PATH: every text
    as a person meets it, beside the text it was translated from, with the translator's
    doubts; and the sign-off file the reviewer fills in and returns."""
    path = Path(checklist_path(path))
    with refusing():
        checklist = load_checklist(path)
        pack = write_pack(
            path,
            checklist,
            language,
            interface.TRANSLATIONS,
            PROJECT_ROOT,
            Path(folder),
            date.today(),
        )
    click.echo(f"wrote {pack.html} and {pack.sign_off}: {pack.texts} texts to review")


@click.command("apply-review")
@click.argument("language")
@click.argument("sign_off", type=click.Path(dir_okay=False))
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def apply_review_command(language: str, sign_off: str, path: str | None) -> None:
    """Apply the native reviewer's SIGN_OFF for LANGUAGE to the checklist at PATH and to the
    interface catalogue: make the corrections, record the review, and, when every text was
    approved or corrected, take LANGUAGE off `awaiting_native_speaker_review`. Nothing is
    written unless every entry can be applied and the result passes validation."""
    path = Path(checklist_path(path))
    with refusing():
        applied = apply_review(path, language, Path(sign_off), interface.TRANSLATIONS, date.today())
        checklist = validated(applied.checklist_text)
    catalogue = catalogue_path(interface.TRANSLATIONS, language)
    if applied.catalogue is not None:
        catalogue.write_bytes(applied.catalogue)
    write(path, applied.checklist_text)
    click.echo(
        f"applied the review of {language}: {applied.approved} approved, {applied.corrected} "
        f"corrected, {applied.open} still open"
    )
    if applied.catalogue is not None:
        click.echo(f"updated {catalogue}: `make run` compiles it again")
    for query in applied.queries:
        click.echo(f"query: {query.place}: {query.note or '(no note)'}")
    if applied.signed_off:
        click.echo(f"every {language} text is reviewed: {language} is no longer awaiting review")
    else:
        click.echo(f"{language} stays in `awaiting_native_speaker_review` until every text is")
    for note in stale_translations(checklist):
        click.echo(f"warning: {note}", err=True)
