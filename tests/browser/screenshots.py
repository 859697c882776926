"""`make screenshots`: a PNG of every page state at phone and desktop sizes, for people to
look at. Written to screenshots/ (git ignores it)."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.journeys import PAGE_STATES, reach
from tests.support.servers import PROJECT_ROOT, exit_destination, live_app

SIZES = [(360, 740), (1280, 900)]
OUTPUT = PROJECT_ROOT / "screenshots"


def main() -> int:
    if not CHROMIUM.exists():
        print(f"No browser at {CHROMIUM}: install Debian's chromium package.", file=sys.stderr)
        return 1
    OUTPUT.mkdir(exist_ok=True)
    with (
        exit_destination() as destination,
        live_app(EXIT_URL=destination) as base,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for width, height in SIZES:
            for state in PAGE_STATES:
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                reach(page, base, state)
                page.screenshot(path=str(OUTPUT / f"{state}-{width}x{height}.png"), full_page=True)
                context.close()
        browser.close()
    print(f"{len(SIZES) * len(PAGE_STATES)} screenshots in {Path(OUTPUT).relative_to(Path.cwd())}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
