"""What is made from the checklist to be printed or served by something else: posters and
wallet cards (`print`, drawn by app/printed/) and the pages nginx shows by itself
(`error-pages`, app/cli/error_pages.py)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..settings import ConfigurationError, checked_public_url
from .common import checklist_path, refusing, with_its_catalogues


@click.command("print")
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
    path = checklist_path(path)
    with refusing():
        public_url = checked_public_url(os.environ.get("FLASK_PUBLIC_URL"))
        if public_url is None:
            raise ConfigurationError(
                "FLASK_PUBLIC_URL is not set: the QR codes need the check's public address, "
                "e.g. FLASK_PUBLIC_URL=https://check.example.org/ (nothing was printed)."
            )
        checklist = with_its_catalogues(path)
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


@click.command("error-pages")
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

    with refusing():
        checklist = with_its_catalogues(checklist_path(path))
    for target in write_error_pages(checklist, output or FOLDER):
        click.echo(str(target))
    click.echo(
        f"languages: {', '.join(checklist.languages)}. deploy/nginx.conf must send them with\n"
        f'  add_header Content-Security-Policy "{content_security_policy()}" always;',
        err=True,
    )
