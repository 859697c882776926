"""`flask checklist review-pack` and `flask checklist apply-review`: the native speaker's
review of a language, from the pack they read to the sign-off put into the files."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import click

from ..checklist import ChecklistError, load_checklist
from ..checklist.upkeep import stale_translations
from ..pages import languages
from ..pages.catalogue_status import catalogue_path
from ..settings import DEFAULTS, PROJECT_ROOT
from .pack import write_pack
from .sign_off import apply_review


def _checklist_path(path: str | None) -> Path:
    return Path(path or os.environ.get("FLASK_CHECKLIST_PATH") or DEFAULTS["CHECKLIST_PATH"])


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
    checklist_path = _checklist_path(path)
    try:
        checklist = load_checklist(checklist_path)
        pack = write_pack(
            checklist_path,
            checklist,
            language,
            languages.TRANSLATIONS,
            PROJECT_ROOT,
            Path(folder),
            date.today(),
        )
    except ChecklistError as error:
        click.echo(error.report(), err=True)
        raise SystemExit(1) from None
    except ValueError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
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
    checklist_path = _checklist_path(path)
    try:
        applied = apply_review(
            checklist_path, language, Path(sign_off), languages.TRANSLATIONS, date.today()
        )
        checklist = _validated(applied.checklist_text)
    except ChecklistError as error:
        click.echo(error.report(), err=True)
        raise SystemExit(1) from None
    except ValueError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
    catalogue = catalogue_path(languages.TRANSLATIONS, language)
    if applied.catalogue is not None:
        catalogue.write_bytes(applied.catalogue)
    checklist_path.write_text(applied.checklist_text, encoding="utf-8")
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


def _validated(text: str):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".yaml", delete=False) as draft:
        draft.write(text)
    try:
        return load_checklist(draft.name)
    finally:
        os.unlink(draft.name)
