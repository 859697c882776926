"""Reading a QR code back out of the inline SVG that segno draws on a kiosk page.

segno draws the dark modules as one path: "M" moves to a row's start, "m" moves relative
to the pen, "h" draws a run of dark modules along the current row. Reading that path back
gives the code's module matrix. Comparing it with segno's own encoding of the address the
code should carry shows the page's code holds exactly that address: a QR matrix decodes to
one message only.
"""

from __future__ import annotations

import math
import re

import segno

PATH_COMMAND = re.compile(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?")


def dark_modules(svg) -> tuple[int, set[tuple[int, int]]]:
    """The SVG's size in modules (border included) and its dark modules as (x, y)."""
    _, _, width, height = (int(n) for n in svg["viewbox"].split())
    assert width == height, "a QR code is square"
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for command, first, second in PATH_COMMAND.findall(svg.select_one("path")["d"]):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            run = int(float(first))
            dark.update((int(x) + i, math.floor(y)) for i in range(run))
            x += run
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


def encodes(svg, data: str) -> bool:
    size, dark = dark_modules(svg)
    return dark == expected_modules(data, size)
