"""The service's pages, one blueprint per part of the journey."""

from __future__ import annotations

from flask import Flask

from . import journey, leaving, safety, search_engines, statements


def register_blueprints(app: Flask) -> None:
    for module in (journey, leaving, safety, statements, search_engines):
        app.register_blueprint(module.bp)
