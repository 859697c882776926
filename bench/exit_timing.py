"""How fast does "Leave this site" get a person away? Measured in Debian's Chromium.

For each Clear-Site-Data value the /exit response might carry, this serves the app on
127.0.0.1, opens a question page with an answer on it, presses Escape and measures from
the keydown:
  - blanked:      until the page is hidden (the page's own clock);
  - exit request: until the browser sends GET /exit;
  - arrived:      until the exit destination (a local stand-in page) has loaded.
The browser's disk cache is first filled with entries from another local site, because
clearing "cache" costs more the more a real browser has cached.

Run: .venv/bin/python bench/exit_timing.py [--runs N] [--cache-entries N]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from flask import request
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from app import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
VARIANTS = ['"cache", "cookies", "storage"', '"cookies", "storage"', ""]

RECORD_KEYDOWN_AND_BLANK = """() => {
    window.__keydown = 0; window.__blanked = 0;
    addEventListener("keydown", () => { window.__keydown = performance.now(); }, true);
    new MutationObserver(() => {
        if (!window.__blanked) window.__blanked = performance.now();
    }).observe(document.documentElement, {attributes: true});
}"""

FILL_CACHE = """async ([base, n]) => {
    for (let i = 0; i < n; i += 50) {
        await Promise.all(Array.from({length: Math.min(50, n - i)},
                                     (_, j) => fetch(base + "/" + (i + j))));
    }
}"""


class StandIn(BaseHTTPRequestHandler):
    """The neutral exit destination, and cacheable filler responses."""

    def do_GET(self):
        body = b"<!doctype html><title>Weather</title><p>Sunny.</p>" + b" " * 4000
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Cache-Control", "max-age=86400")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def in_background(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def open_a_question(page, base):
    page.goto(f"{base}/")
    # With JavaScript the answer is sent by fetch(): wait for the page it leads to.
    with page.expect_navigation():
        page.get_by_role("button", name="I'm worried about someone else").click()
    page.goto(f"{base}/questions/appearance")
    page.get_by_label("Yes", exact=True).check()


def measure(variant: str, runs: int, cache_entries: int) -> dict[str, list[float]]:
    stand_in = in_background(ThreadingHTTPServer(("127.0.0.1", 0), StandIn))
    destination = f"http://127.0.0.1:{stand_in.server_port}/weather"
    app = create_app({"SECRET_KEY": "b" * 40, "TESTING": True, "EXIT_URL": destination})

    @app.after_request
    def this_variant(response):
        # The app's own header replaced by the variant measured (or none).
        if request.endpoint == "leaving.leave":
            response.headers.pop("Clear-Site-Data", None)
            if variant:
                response.headers["Clear-Site-Data"] = variant
        return response

    server = in_background(make_server("127.0.0.1", 0, app, threaded=True))
    base = f"http://127.0.0.1:{server.server_port}"
    figures = {"blanked": [], "exit request": [], "arrived": []}
    try:
        with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
            browser = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{stand_in.server_port}/filler")
            page.evaluate(FILL_CACHE, [f"http://127.0.0.1:{stand_in.server_port}/f", cache_entries])
            sent = {}
            page.on("request", lambda request: sent.setdefault(request.url, time.perf_counter()))
            for _ in range(runs):
                # Blanking: answer /exit with 204 so the page stays to be read afterwards.
                open_a_question(page, base)
                page.evaluate(RECORD_KEYDOWN_AND_BLANK)
                page.route(f"{base}/exit", lambda route: route.fulfill(status=204))
                page.keyboard.press("Escape")
                page.wait_for_function("window.__blanked > 0")
                keydown, blanked = page.evaluate("[window.__keydown, window.__blanked]")
                figures["blanked"].append(blanked - keydown)
                page.unroute(f"{base}/exit")
                # The real exit, all the way to the destination.
                open_a_question(page, base)
                sent.clear()
                start = time.perf_counter()
                with page.expect_event("load"):
                    page.keyboard.press("Escape")
                figures["arrived"].append((time.perf_counter() - start) * 1000)
                figures["exit request"].append((sent[f"{base}/exit"] - start) * 1000)
                assert page.url == destination, page.url
            browser.close()
    finally:
        server.shutdown()
        stand_in.shutdown()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cache-entries", type=int, default=2000)
    options = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    print(f"Escape to exit in Chromium, median (p90) ms over {options.runs} runs,")
    print(f"with {options.cache_entries} entries in the browser's cache\n")
    print(f"{'Clear-Site-Data':32} {'blanked':>14} {'exit request':>14} {'arrived':>14}")
    for variant in VARIANTS:
        figures = measure(variant, options.runs, options.cache_entries)
        cells = [
            f"{statistics.median(v):6.1f} ({statistics.quantiles(v, n=10)[-1]:5.1f})"
            for v in (figures["blanked"], figures["exit request"], figures["arrived"])
        ]
        print(f"{variant or '(none)':32} " + " ".join(f"{c:>14}" for c in cells))


if __name__ == "__main__":
    main()
