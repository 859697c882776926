"""What every `flask checklist` command shares: which file it works on, and how it says that
it cannot go on (the report, on stderr, and exit status 1, never a traceback)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..checklist import Checklist, ChecklistError, load_checklist
from ..pages.languages import check_interface_translations
from ..settings import DEFAULTS, ConfigurationError


def checklist_path(path: str | None) -> str:
    """PATH as given, else FLASK_CHECKLIST_PATH, else the shipped checklist.yaml."""
    return path or os.environ.get("FLASK_CHECKLIST_PATH") or DEFAULTS["CHECKLIST_PATH"]


@contextmanager
def refusing() -> Iterator[None]:
    """A broken checklist, a missing setting or a sheet that cannot be used ends the command
    with what is wrong, and exit status 1."""
    try:
        yield
    except ChecklistError as error:
        click.echo(error.report(), err=True)
        raise SystemExit(1) from None
    except (ConfigurationError, ValueError) as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None


def with_its_catalogues(path: str) -> Checklist:
    """The checklist at `path`, and the interface catalogue of every language it offers (for
    what is drawn with them: printed pieces, nginx's error pages)."""
    checklist = load_checklist(path)
    check_interface_translations(checklist)
    return checklist


def validated(text: str) -> Checklist:
    """A checklist file's new text, loaded and validated as the service would, before it is
    written: raises ChecklistError naming every fault."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".yaml", delete=False) as draft:
        draft.write(text)
    try:
        return load_checklist(draft.name)
    finally:
        os.unlink(draft.name)


def write(path: str | Path, text: str) -> None:
    Path(path).write_text(text, encoding="utf-8")
