"""The printed pieces, and writing every one of them in every language asked for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..checklist import Checklist
from ..web.public_address import start_page_address
from .content import printed_content
from .images import pictogram, qr_code
from .rendering import DoesNotFit, render_html, write_pdf


@dataclass(frozen=True)
class Piece:
    name: str  # the file is <name>-<language>.pdf
    template: str
    # What the piece offers instead of a link: a QR code to the check, or the screen beside
    # it (a kiosk poster hangs next to the kiosk).
    qr_code: bool
    pages: int  # a wallet card has two faces


PIECES = (
    Piece("poster", "printed/poster.html", qr_code=True, pages=1),
    Piece("kiosk-poster", "printed/poster.html", qr_code=False, pages=1),
    Piece("wallet-card", "printed/wallet_card.html", qr_code=True, pages=2),
)


def write_pieces(
    checklist: Checklist, languages: list[str], public_url: str, folder: Path
) -> list[Path]:
    """Every piece in each of `languages`, as PDF files in `folder`; returns their paths."""
    content = printed_content(checklist)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in languages:
        address = start_page_address(public_url, language)
        for piece in PIECES:
            html = render_html(
                piece.template,
                language,
                piece=piece,
                content=content,
                address=address,
                qr_code=qr_code(address) if piece.qr_code else None,
                pictogram=pictogram,
            )
            target = folder / f"{piece.name}-{language}.pdf"
            try:
                write_pdf(html, target, pages=piece.pages)
            except DoesNotFit as error:
                # Never leave an older copy behind to be printed by mistake.
                target.unlink(missing_ok=True)
                raise PieceDoesNotFit(piece, language, error.laid_out) from None
            written.append(target)
    return written


class PieceDoesNotFit(Exception):
    """A piece's words in some language need more room than it has: nothing is written
    for it, rather than a poster whose second half is on another sheet."""

    def __init__(self, piece: Piece, language: str, laid_out: int) -> None:
        pages = "one page" if piece.pages == 1 else f"{piece.pages} pages"
        super().__init__(
            f"{piece.name}-{language}.pdf does not fit on {pages} (it takes {laid_out}), so "
            "it was not written: shorten its texts in the checklist, or install the fonts it "
            "is made for (fonts-noto-core: see docs/content-editors.md, 'Posters and wallet "
            "cards')."
        )
