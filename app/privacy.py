"""Headers that keep a person's answers out of caches, referrers, frames and other sites."""

from __future__ import annotations

from flask import Response, request

from .assets import ASSET_ENDPOINT

# Everything the pages use comes from this site; nothing may be framed, posted elsewhere
# or loaded from anywhere else. No inline script or style is allowed.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# The check needs none of these; a page that cannot ask for them cannot be tricked into it.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "browsing-topics",
    ]
)

EVERY_RESPONSE = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Robots-Tag": "noindex, nofollow",
}


def add_privacy_headers(response: Response) -> Response:
    response.headers.update(EVERY_RESPONSE)
    if request.is_secure:
        # Only over HTTPS: sent over plain HTTP, browsers ignore it anyway.
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if request.endpoint != ASSET_ENDPOINT:
        # Pages can show answers; a shared computer's Back button or cache must not.
        response.headers["Cache-Control"] = "no-store"
    return response
