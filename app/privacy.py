"""Headers that keep a person's answers out of caches, referrers and other sites."""

from __future__ import annotations

from flask import Response, request


def add_privacy_headers(response: Response) -> Response:
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if request.endpoint != "static":
        # Pages can show answers; a shared computer's Back button or cache must not.
        response.headers["Cache-Control"] = "no-store"
    return response
