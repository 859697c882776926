"""Default settings, and the checks that stop a misconfigured service from starting."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Every setting can be given as an environment variable with the FLASK_ prefix,
# e.g. FLASK_CHECKLIST_PATH=checklists/other.yaml.
DEFAULTS = {
    "CHECKLIST_PATH": str(PROJECT_ROOT / "checklist.yaml"),
    # Where "Leave this site" goes. None: the checklist's exit_url, or on a kiosk its own
    # plain welcome screen. Setting it (FLASK_EXIT_URL) overrides both.
    "EXIT_URL": None,
    # Shared screens in community centres: no links off the screen, QR codes instead, and
    # everything cleared after KIOSK_IDLE_SECONDS without input (see app/kiosk.py).
    "KIOSK_MODE": False,
    "KIOSK_IDLE_SECONDS": 120,
    # Set by `make run` when it made up a secret for this machine alone.
    "SECRET_KEY_GENERATED": False,
    "SESSION_COOKIE_NAME": "session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Answers older than this are discarded: the signed cookie carries its own timestamp.
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=1),
    "MAX_CONTENT_LENGTH": 4 * 1024,
    # How many proxies in front of the app set X-Forwarded-Proto and -Host (0: none).
    # Set it behind a load balancer so HTTPS is recognised for HSTS and Secure cookies.
    "TRUSTED_PROXY_COUNT": 0,
    "WTF_CSRF_TIME_LIMIT": 3600,
    # Over HTTPS Flask-WTF would also demand a Referer from this site; the Origin check in
    # app/same_origin.py replaces it (it says why). The token is checked either way.
    "WTF_CSRF_SSL_STRICT": False,
    # Render the start and question pages once at start-up, in every form they can take,
    # instead of for every request (see app/prebuilt_pages.py). Off only to compare.
    "PREBUILT_PAGES": True,
}

# A secret shorter than this is a placeholder, not a secret.
MIN_SECRET_KEY_LENGTH = 32


class ConfigurationError(RuntimeError):
    """The service cannot start safely with these settings."""


def ensure_secret_key(config: dict, *, development: bool) -> str | None:
    """Check the signing secret; return a warning to log, if any.

    In development and tests a missing secret is replaced by a random one. Anywhere else a
    missing or short secret stops start-up, because every session would be forgeable or
    lost on restart without anyone noticing.
    """
    secret = config.get("SECRET_KEY")
    if not secret:
        if development:
            config["SECRET_KEY"] = secrets.token_hex(32)
            return "FLASK_SECRET_KEY is not set: using a random secret for this process only."
        raise ConfigurationError(
            "FLASK_SECRET_KEY is not set. Set it to a long random value shared by every "
            "instance, for example the output of: python -c 'import secrets; "
            "print(secrets.token_hex(32))'"
        )
    if len(str(secret)) < MIN_SECRET_KEY_LENGTH and not development:
        raise ConfigurationError(
            f"FLASK_SECRET_KEY is too short to be a real secret: use at least "
            f"{MIN_SECRET_KEY_LENGTH} random characters."
        )
    if config.get("SECRET_KEY_GENERATED"):
        return (
            "Using a secret generated for this machine at start-up: answers in progress are "
            "lost when the service restarts. Set FLASK_SECRET_KEY to keep them, or to run "
            "more than one machine."
        )
    return None
