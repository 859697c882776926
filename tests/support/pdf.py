"""Reading a PDF back as a print shop, a reader and a phone would: poppler-utils (pdfinfo,
pdftotext, pdffonts, pdftohtml, pdftoppm) and zbar-tools (zbarimg), both from apt.

What pdftotext gives for Arabic, checked on the printed pieces: the letters of each word in
reading (logical) order, but a lam-alef ligature comes out as alef-lam (poppler reverses the
letters a single glyph stands for), a vowel mark such as tanween can come out detached from
its letter, punctuation (the Arabic comma) comes out as a word of its own, and a line
holding a detached mark can be split in two, out of order. `comparable` undoes the first
two on both sides of a comparison; the others are why right-to-left text is compared word
by word, without punctuation (`words_of`).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Poppler marks the direction of each run with embedding controls (LRE, RLE, PDF, ...).
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LAM_ALEF = re.compile("\u0644([\u0622\u0623\u0625\u0627])")
MM_PER_POINT = 25.4 / 72


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields: Pages, Title, Tagged, ..."""
    fields = {}
    for line in run("pdfinfo", str(pdf)).splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    @property
    def size_mm(self) -> tuple[float, float]:
        return (
            round((self.right - self.left) * MM_PER_POINT, 2),
            round((self.top - self.bottom) * MM_PER_POINT, 2),
        )


def page_boxes(pdf: Path) -> list[dict[str, Box]]:
    """Every page's MediaBox, CropBox, BleedBox, TrimBox and ArtBox, in points."""
    pages: dict[int, dict[str, Box]] = {}
    output = run("pdfinfo", "-box", "-f", "1", "-l", "999", str(pdf))
    for number, name, *edges in re.findall(
        r"^Page\s+(\d+) (\w+Box):\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)$", output, re.MULTILINE
    ):
        pages.setdefault(int(number), {})[name] = Box(*map(float, edges))
    return [pages[number] for number in sorted(pages)]


def text(pdf: Path) -> str:
    """The text as pdftotext gives it (its default: reading order)."""
    return run("pdftotext", str(pdf), "-")


def comparable(value: str) -> str:
    """Text as pdftotext can give it back: no direction marks, no Arabic vowel marks,
    lam-alef as alef-lam, and every run of white space one space."""
    value = BIDI_CONTROLS.sub("", value)
    value = "".join(c for c in value if not unicodedata.combining(c))
    value = LAM_ALEF.sub("\\1\u0644", value)
    return " ".join(value.split())


def words_of(value: str) -> list[str]:
    """The words of `value`, as `comparable` gives them, without punctuation."""
    words = (
        "".join(c for c in word if not unicodedata.category(c).startswith("P"))
        for word in comparable(value).split()
    )
    return [word for word in words if word]


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    left: float
    top: float
    right: float
    bottom: float
    page_width: float
    page_height: float


def placed_words(pdf: Path) -> list[Word]:
    """Every word with its box, in points from the top left corner of its page's MediaBox."""
    found = []
    pages = run("pdftotext", "-bbox", str(pdf), "-").split("<page ")[1:]
    for number, page in enumerate(pages, start=1):
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        for left, top, right, bottom, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        ):
            found.append(
                Word(
                    number,
                    word,
                    float(left),
                    float(top),
                    float(right),
                    float(bottom),
                    width,
                    height,
                )
            )
    return found


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, type, emb (embedded), sub (subset), uni (has a ToUnicode map)."""
    lines = run("pdffonts", str(pdf)).splitlines()[2:]
    rows = []
    for line in lines:
        # The name and the three yes/no columns are what the tests read; the type and
        # encoding columns hold spaces, so the row is read from both ends.
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def font_sizes(pdf: Path) -> set[float]:
    """The size of every run of text, in points, to half a point (pdftohtml at zoom 2 gives
    whole numbers of half points)."""
    xml = run("pdftohtml", "-xml", "-i", "-zoom", "2", "-stdout", str(pdf))
    return {int(size) / 2 for size in re.findall(r'<fontspec id="\d+" size="(\d+)"', xml)}


def structure(pdf: Path) -> str:
    """The tagged structure (Document, H1, L, LI, Figure, ...) with the text of each part."""
    return run("pdfinfo", "-struct-text", str(pdf))


def qr_codes(pdf: Path, page: int, folder: Path) -> list[str]:
    """What every QR code on `page` says, read from the page drawn at 150 dpi, as a phone's
    camera would read the printed sheet."""
    image = folder / f"{pdf.stem}-{page}"
    pages = ["-f", str(page), "-l", str(page)]
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", *pages, "-singlefile", str(pdf), str(image)],
        check=True,
    )
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", f"{image}.png"], capture_output=True, text=True
    )
    # zbarimg exits 4 when the image holds no code at all.
    assert result.returncode in (0, 4), result.stderr
    return result.stdout.splitlines()
