"""Stylesheets and scripts, made small once at start-up.

Every page must arrive, with everything it loads, in the first TCP round trip (about 14 KB).
So each page loads one stylesheet holding only the parts it uses, and one script; both are
minified in memory and served under a name holding a hash of their content, so browsers may
keep them for a year and a change is a new name. Both are also gzipped once, at start-up,
and sent so to every browser that accepts it (all do): they hold no secrets, so unlike the
pages (which carry a CSRF token) compressing them cannot leak anything.

They are answered before Flask sees the request: a file kept by shared caches for a year
must be the same for everyone, so it never opens the session (no Set-Cookie, no
"Vary: Cookie"), never chooses a language and never acts on "?lang=". It varies only on
Accept-Encoding, which says nothing about the person.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin
from flask import Flask

# Page kinds (templates say which they are) and the stylesheets each is made of.
STYLESHEETS = {
    "page": ("base.css",),
    "form-page": ("base.css", "forms.css"),
    "answers-page": ("base.css", "answers.css"),
    "guidance-page": ("base.css", "guidance.css"),
    "statement-page": ("base.css", "statement.css"),
}
SCRIPT = ("exit.js", "one_entry.js", "listen.js")
# Parts a plug-in (the kiosk) adds to every page's stylesheet and script: see
# add_to_every_page().
EXTRA_PARTS = "assets_for_every_page"

PREFIX = "/static/"
_PLAIN_TEXT = ("Content-Type", "text/plain; charset=utf-8")
A_YEAR = 365 * 24 * 60 * 60


@dataclass(frozen=True)
class Asset:
    url_name: str  # "form-page.1a2b3c4d5e.css"
    body: bytes
    gzipped: bytes
    content_type: str


@dataclass(frozen=True)
class ExtraParts:
    """What a plug-in adds to every page: stylesheets in static/css, scripts in static/js."""

    stylesheets: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()


class Assets:
    def __init__(self, folder: Path, extra: ExtraParts = ExtraParts()):
        self._by_name: dict[str, Asset] = {}
        self._by_url_name: dict[str, Asset] = {}
        for kind, sources in STYLESHEETS.items():
            parts = [*sources, *extra.stylesheets]
            self._add(f"{kind}.css", [folder / "css" / part for part in parts])
        self._add("page.js", [folder / "js" / part for part in [*SCRIPT, *extra.scripts]])

    def _add(self, name: str, sources: list[Path]) -> None:
        stem, suffix = name.rsplit(".", 1)
        if suffix == "css":
            body = "".join(rcssmin.cssmin(_read(path)) for path in sources)
            content_type = "text/css; charset=utf-8"
        else:
            # Each script is one self-contained function expression; ";" keeps them apart.
            body = ";".join(rjsmin.jsmin(_read(path)) for path in sources)
            content_type = "text/javascript; charset=utf-8"
        encoded = body.encode()
        digest = hashlib.sha256(encoded).hexdigest()[:10]
        # mtime=0: the same bytes at every start-up and on every worker.
        gzipped = gzip.compress(encoded, compresslevel=9, mtime=0)
        asset = Asset(f"{stem}.{digest}.{suffix}", encoded, gzipped, content_type)
        self._by_name[name] = asset
        self._by_url_name[asset.url_name] = asset

    def url(self, name: str) -> str:
        return PREFIX + self._by_name[name].url_name

    def find(self, url_name: str) -> Asset | None:
        return self._by_url_name.get(url_name)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


class AssetServer:
    """WSGI middleware: every request under /static/ is answered here from memory; all
    others go on to the app."""

    def __init__(self, wsgi_app, assets: Assets):
        self.wsgi_app = wsgi_app
        self.assets = assets

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith(PREFIX):
            return self.wsgi_app(environ, start_response)
        asset = self.assets.find(path.removeprefix(PREFIX))
        method = environ.get("REQUEST_METHOD")
        if asset is None:
            # An old page asking for a file from before a deployment, or a guess. No error
            # page: nobody reads it, and it would open the session.
            status, body, headers = "404 Not Found", b"Not found", [_PLAIN_TEXT]
        elif method not in ("GET", "HEAD"):
            status, body, headers = "405 Method Not Allowed", b"", [("Allow", "GET, HEAD")]
        else:
            status, body = "200 OK", asset.body
            headers = [
                ("Content-Type", asset.content_type),
                ("Cache-Control", f"public, max-age={A_YEAR}, immutable"),
                ("Vary", "Accept-Encoding"),
            ]
            if _accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", "")):
                body = asset.gzipped
                headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [b"" if method == "HEAD" else body]


def _accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (not refused with q=0)."""
    for part in accept_encoding.split(","):
        coding, _, parameters = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "x-gzip", "*"):
            return parameters.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def add_to_every_page(app: Flask, *, stylesheet: str, script: str) -> None:
    """Add a stylesheet and a script to every page of `app`; call before register_assets."""
    extra = app.extensions.get(EXTRA_PARTS, ExtraParts())
    app.extensions[EXTRA_PARTS] = ExtraParts(
        (*extra.stylesheets, stylesheet), (*extra.scripts, script)
    )


def register_assets(app: Flask, static_folder: Path) -> Assets:
    """Serve the static files; the templates' stylesheet_url and script_url
    (app/pages/templating.py) ask the Assets, kept in app.extensions["assets"]."""
    assets = Assets(static_folder, app.extensions.get(EXTRA_PARTS, ExtraParts()))
    app.wsgi_app = AssetServer(app.wsgi_app, assets)
    app.extensions["assets"] = assets
    return assets
