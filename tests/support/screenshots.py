"""`make screenshots`: a PNG of every page state at phone and desktop sizes, for people to
look at: in English, then every kind of page in each other language the checklist offers
(public and kiosk; right to left included), at 320 px as well. Written to screenshots/
(git ignores it). Look for boxes instead of letters, clipped accents and sideways scrolling."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from app.checklist import load_checklist
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.language_walk import walk
from tests.support.page_states import PAGE_STATES, reach
from tests.support.project import REAL_CHECKLIST
from tests.support.servers import PROJECT_ROOT, exit_destination, live_app

SIZES = [(360, 740), (1280, 900)]
# Other languages: the smallest phone too, where long words and the switcher wrap.
LANGUAGE_SIZES = [(320, 640), *SIZES]
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
        count = len(SIZES) * len(PAGE_STATES)
        count += every_language(browser, base, kiosk=False)
        with live_app(KIOSK_MODE=1) as kiosk_base:
            count += every_language(browser, kiosk_base, kiosk=True)
        browser.close()
    print(f"{count} screenshots in {Path(OUTPUT).relative_to(Path.cwd())}/")
    return 0


def every_language(browser, base: str, *, kiosk: bool) -> int:
    """Each kind of page in each language but English: "ar-guidance-myself-320x640.png"."""
    languages = [code for code in load_checklist(REAL_CHECKLIST).languages if code != "en"]
    count = 0
    for language in languages:
        for width, height in LANGUAGE_SIZES:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for state in walk(page, base, language, kiosk=kiosk):
                name = f"{language}-{'kiosk-' if kiosk else ''}{state}-{width}x{height}.png"
                page.screenshot(path=str(OUTPUT / name), full_page=True)
                count += 1
            context.close()
    return count


if __name__ == "__main__":
    sys.exit(main())
