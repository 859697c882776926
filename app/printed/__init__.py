"""Posters and wallet cards about the check, printed from the checklist in every language.

`flask checklist print` (app/cli/) calls write_pieces(). What each piece says is chosen
from the checklist in `content`, drawn by templates/printed/ with the interface catalogues,
and made into PDF by WeasyPrint in `rendering`. Nothing here needs the web app running.
"""

from .content import notes_before_printing
from .pieces import PIECES, Piece, PieceDoesNotFit, write_pieces

__all__ = ["PIECES", "Piece", "PieceDoesNotFit", "notes_before_printing", "write_pieces"]
