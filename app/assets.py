"""Stylesheets, scripts and templates, made small once at start-up.

Every page must arrive, with everything it loads, in the first TCP round trip (about 14 KB).
So each page loads one stylesheet holding only the parts it uses, and one script; both are
minified in memory and served under a name holding a hash of their content, so browsers may
keep them for a year and a change is a new name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin
from flask import Blueprint, Flask, Response, abort
from jinja2 import FileSystemLoader

# Page kinds (templates say which they are) and the stylesheets each is made of.
STYLESHEETS = {
    "page": ("base.css",),
    "form-page": ("base.css", "forms.css"),
    "answers-page": ("base.css", "answers.css"),
    "guidance-page": ("base.css", "guidance.css"),
    "statement-page": ("base.css", "statement.css"),
}
SCRIPT = ("exit.js",)
# A kiosk adds its own parts to every page.
KIOSK_STYLESHEET = "kiosk.css"
KIOSK_SCRIPT = "kiosk.js"

ASSET_ENDPOINT = "assets.serve"
A_YEAR = 365 * 24 * 60 * 60


@dataclass(frozen=True)
class Asset:
    url_name: str  # "form-page.1a2b3c4d5e.css"
    body: bytes
    content_type: str


class Assets:
    def __init__(self, folder: Path, *, kiosk: bool):
        self._by_name: dict[str, Asset] = {}
        self._by_url_name: dict[str, Asset] = {}
        for kind, sources in STYLESHEETS.items():
            parts = [*sources, KIOSK_STYLESHEET] if kiosk else sources
            self._add(f"{kind}.css", [folder / "css" / part for part in parts])
        parts = [*SCRIPT, KIOSK_SCRIPT] if kiosk else SCRIPT
        self._add("page.js", [folder / "js" / part for part in parts])

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
        asset = Asset(f"{stem}.{digest}.{suffix}", encoded, content_type)
        self._by_name[name] = asset
        self._by_url_name[asset.url_name] = asset

    def url(self, name: str) -> str:
        return f"/static/{self._by_name[name].url_name}"

    def find(self, url_name: str) -> Asset | None:
        return self._by_url_name.get(url_name)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


class TrimmedTemplateLoader(FileSystemLoader):
    """Templates without their indentation: it helps people reading the source, but every
    byte of it would be sent with every page."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        return "\n".join(line.strip() for line in source.splitlines()), filename, uptodate


def register_assets(app: Flask, static_folder: Path, template_folder: Path) -> None:
    assets = Assets(static_folder, kiosk=bool(app.config.get("KIOSK_MODE")))
    blueprint = Blueprint("assets", __name__)

    @blueprint.get("/static/<name>")
    def serve(name: str):
        asset = assets.find(name)
        if asset is None:
            abort(404)
        response = Response(asset.body, content_type=asset.content_type)
        response.headers["Cache-Control"] = f"public, max-age={A_YEAR}, immutable"
        return response

    app.register_blueprint(blueprint)
    app.jinja_loader = TrimmedTemplateLoader(str(template_folder))
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(
        stylesheet_url=lambda kind: assets.url(f"{kind}.css"),
        script_url=lambda: assets.url("page.js"),
    )
