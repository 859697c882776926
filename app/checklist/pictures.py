"""The pictograms a checklist can name: one SVG file per picture in templates/pictures/."""

from __future__ import annotations

from pathlib import Path

PICTURE_FOLDER = Path(__file__).resolve().parents[2] / "templates" / "pictures"


def picture_names(folder: Path = PICTURE_FOLDER) -> frozenset[str]:
    return frozenset(path.stem for path in folder.glob("*.svg"))
