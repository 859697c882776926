"""Pages for the people and machines that run the service."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("service", __name__)


@bp.get("/healthz")
def health():
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}
