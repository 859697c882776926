"""What Chromium actually drew: a screenshot's pixels, for checks that the HTML alone cannot
make (a QR code that a mirrored layout must not mirror).

Playwright's screenshots are 8-bit RGB(A) PNGs, not interlaced; this reads just those,
undoing PNG's per-row filters, so the tests need no imaging library.
"""

from __future__ import annotations

import struct
import zlib

from tests.support.qr import png_chunks


def rgb_rows(png: bytes) -> tuple[list[bytearray], int]:
    """The image's rows of pixels, and the bytes a pixel takes in them (3 RGB, 4 RGBA)."""
    chunks = png_chunks(png)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, interlace) == (8, 0) and colour in (2, 6), "8-bit RGB(A), not interlaced"
    step = 3 if colour == 2 else 4
    stride = width * step
    data = zlib.decompress(chunks[b"IDAT"])
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, row = data[start], bytearray(data[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = row[i - step] if i >= step else 0
            up, up_left = previous[i], (previous[i - step] if i >= step else 0)
            if kind == 1:
                row[i] = (row[i] + left) & 255
            elif kind == 2:
                row[i] = (row[i] + up) & 255
            elif kind == 3:
                row[i] = (row[i] + ((left + up) >> 1)) & 255
            elif kind == 4:
                guess = left + up - up_left
                nearest = min(
                    (abs(guess - left), 0, left),
                    (abs(guess - up), 1, up),
                    (abs(guess - up_left), 2, up_left),
                )[2]
                row[i] = (row[i] + nearest) & 255
        rows.append(row)
        previous = row
    return rows, step


def dark_cells(png: bytes, cells: int) -> set[tuple[int, int]]:
    """A square image read as `cells` x `cells` squares: (x, y) of each dark one, judged by
    the pixel at its centre."""
    rows, step = rgb_rows(png)
    height, width = len(rows), len(rows[0]) // step
    dark = set()
    for y in range(cells):
        row = rows[int((y + 0.5) * height / cells)]
        for x in range(cells):
            at = int((x + 0.5) * width / cells) * step
            if sum(row[at : at + 3]) < 3 * 128:
                dark.add((x, y))
    return dark
