"""Reading a QR code back out of the image that segno draws on a kiosk page.

The image is a data: URI holding a PNG of one pixel per module, 1-bit greyscale (0 is dark).
Reading its pixels back gives the code's module matrix. Comparing it with segno's own
encoding of the address the code should carry shows the page's code holds exactly that
address: a QR matrix decodes to one message only.
"""

from __future__ import annotations

import base64
import struct
import zlib

import segno

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_chunks(png: bytes) -> dict[bytes, bytes]:
    assert png.startswith(PNG_SIGNATURE), "not a PNG"
    chunks: dict[bytes, bytes] = {}
    position = len(PNG_SIGNATURE)
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        chunks[kind] = chunks.get(kind, b"") + png[position + 8 : position + 8 + length]
        position += 12 + length
    return chunks


def dark_modules(img) -> tuple[int, set[tuple[int, int]]]:
    """The image's size in modules (border included) and its dark modules as (x, y)."""
    scheme, _, encoded = img["src"].partition(",")
    assert scheme == "data:image/png;base64", scheme
    chunks = png_chunks(base64.b64decode(encoded))
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert width == height, "a QR code is square"
    assert (depth, colour, interlace) == (1, 0, 0), "1-bit greyscale, not interlaced"
    pixels = zlib.decompress(chunks[b"IDAT"])
    row_bytes = 1 + (width + 7) // 8
    dark: set[tuple[int, int]] = set()
    for y in range(height):
        row = pixels[y * row_bytes : (y + 1) * row_bytes]
        assert row[0] == 0, "rows are stored unfiltered"
        for x in range(width):
            if not row[1 + x // 8] >> (7 - x % 8) & 1:
                dark.add((x, y))
    return width, dark


def expected_modules(data: str, size: int) -> set[tuple[int, int]]:
    """segno's own standard (not Micro) QR code for `data`, centred in `size` modules."""
    code = segno.make(data, micro=False)
    border = (size - code.symbol_size(border=0)[0]) // 2
    return {
        (column + border, row + border)
        for row, line in enumerate(code.matrix)
        for column, module in enumerate(line)
        if module
    }


def encodes(img, data: str) -> bool:
    size, dark = dark_modules(img)
    return dark == expected_modules(data, size)
