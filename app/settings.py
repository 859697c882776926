"""Default settings, and the checks that stop a misconfigured service from starting.

Every setting is checked here, once, by check_settings() at the start of create_app: the
rest of the app reads app.config knowing each value has the right type.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Every setting can be given as an environment variable with the FLASK_ prefix,
# e.g. FLASK_CHECKLIST_PATH=checklists/other.yaml.
DEFAULTS = {
    "CHECKLIST_PATH": str(PROJECT_ROOT / "checklist.yaml"),
    # Where "Leave this site" goes. None: the checklist's exit_url, or on a kiosk its own
    # plain welcome screen. Setting it (FLASK_EXIT_URL) overrides both.
    "EXIT_URL": None,
    # The check's public address (https://...), for what is printed about it (the QR code
    # on a poster or card leads to a language's start page under it) and for what search
    # engines are told (canonical and hreflang links, the sitemap): app/web/public_address.py.
    # None: nothing that needs it can be made (`flask checklist print` says so), and search
    # engines get no absolute addresses, which are never built from the request's Host.
    "PUBLIC_URL": None,
    # Whether search engines may list the start pages and the statements (never the
    # journey: app/web/indexing.py). Off: every response says noindex. Always off on a kiosk.
    "SEARCH_INDEXING": True,
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
    # app/web/csrf.py replaces it (it says why). The token is checked either way.
    "WTF_CSRF_SSL_STRICT": False,
    # Render the start and question pages once at start-up, in every form they can take,
    # instead of for every request (see app/pages/prebuilt.py). Off only to compare.
    "PREBUILT_PAGES": True,
    # Count the service's figures for Prometheus (app/metrics/). None: when this process has
    # a metrics directory (CHECK_METRICS_DIRECTORY, app/metrics/publishing.py), which
    # deploy/gunicorn.conf.py makes only when METRICS_PORT is set; operators set that, not
    # this. True in tests.
    "METRICS": None,
}

# A secret shorter than this is a placeholder, not a secret.
MIN_SECRET_KEY_LENGTH = 32


class ConfigurationError(RuntimeError):
    """The service cannot start safely with these settings."""


def check_settings(config: dict, *, development: bool) -> list[str]:
    """Check every setting, normalising the few that arrive in more than one form; return
    warnings to log. Raises ConfigurationError, naming the setting, on the first fault."""
    warnings = []
    warning = ensure_secret_key(config, development=development)
    if warning:
        warnings.append(warning)
    config["SECRET_KEY_FALLBACKS"] = checked_fallback_keys(config, development=development)
    config["TRUSTED_PROXY_COUNT"] = _proxy_count(config["TRUSTED_PROXY_COUNT"])
    config["PREBUILT_PAGES"] = on_or_off("PREBUILT_PAGES", config["PREBUILT_PAGES"])
    if config["METRICS"] is None:
        config["METRICS"] = bool(os.environ.get("CHECK_METRICS_DIRECTORY"))
    config["METRICS"] = on_or_off("METRICS", config["METRICS"])
    config["SEARCH_INDEXING"] = on_or_off("SEARCH_INDEXING", config["SEARCH_INDEXING"])
    _check_session_lifetime(config["PERMANENT_SESSION_LIFETIME"])
    _check_exit_url(config["EXIT_URL"])
    config["PUBLIC_URL"] = checked_public_url(config["PUBLIC_URL"])
    return warnings


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


def checked_fallback_keys(config: dict, *, development: bool) -> list[str]:
    """FLASK_SECRET_KEY_FALLBACKS: earlier keys whose session cookies (and form tokens) are
    still accepted while the key is changed (docs/operators.md, "Changing the secret key").
    A JSON list in the environment, `[]` (or unset, or empty) for none. Each must be as
    strong as a key, and none the key itself: that is a step of the change done wrong.
    A message never repeats a key: it goes to the log."""
    value = config.get("SECRET_KEY_FALLBACKS")
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    if not isinstance(value, list | tuple):
        # Not JSON (from_prefixed_env then leaves the text as it was), or not a list.
        raise ConfigurationError(
            "FLASK_SECRET_KEY_FALLBACKS must be a JSON list of earlier keys, each in double "
            'quotes: ["<the earlier key>"], or [] for none. Its value is not shown here.'
        )
    for position, key in enumerate(value, 1):
        if not isinstance(key, str):
            raise ConfigurationError(
                f"FLASK_SECRET_KEY_FALLBACKS: item {position} is not a key in quotes; the "
                'setting is a JSON list of earlier keys: ["<the earlier key>"].'
            )
        if len(key) < MIN_SECRET_KEY_LENGTH and not development:
            raise ConfigurationError(
                f"FLASK_SECRET_KEY_FALLBACKS: item {position} is too short to be a real "
                f"secret: an earlier key has at least {MIN_SECRET_KEY_LENGTH} characters too."
            )
        if key == config.get("SECRET_KEY"):
            raise ConfigurationError(
                f"FLASK_SECRET_KEY_FALLBACKS: item {position} is FLASK_SECRET_KEY itself. "
                "List only earlier keys (docs/operators.md, Changing the secret key)."
            )
    return list(value)


def on_or_off(name: str, value: object) -> bool:
    # FLASK_PREBUILT_PAGES=1 arrives as the number 1, =true as True. Anything else (a word such
    # as "off") is refused rather than guessed at.
    if value in (True, False):
        return bool(value)
    raise ConfigurationError(f"FLASK_{name} must be 1 (on) or 0 (off), not {value!r}.")


def _proxy_count(value: object) -> int:
    # A number from the environment arrives as an int; one given in code may be text.
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(
            "FLASK_TRUSTED_PROXY_COUNT must be the number of proxies in front of the app "
            f"that set X-Forwarded-Proto and -Host (0 for none), not {value!r}."
        )
    return value


def _check_session_lifetime(value: object) -> None:
    # Flask takes a timedelta or a number of seconds (as the environment gives it).
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    else:
        seconds = 0
    if seconds <= 0:
        raise ConfigurationError(
            f"FLASK_PERMANENT_SESSION_LIFETIME must be a number of seconds above 0, not {value!r}."
        )


def _check_exit_url(value: object) -> None:
    # None or "": the checklist's exit_url (or a kiosk's welcome screen).
    if value is None or value == "":
        return
    if not isinstance(value, str) or not value.startswith(("https://", "http://", "/")):
        raise ConfigurationError(
            "FLASK_EXIT_URL must be a web address (https://...) or a path on this site, "
            f"not {value!r}."
        )


def checked_public_url(value: object) -> str | None:
    """FLASK_PUBLIC_URL as the rest of the app may use it: an https:// address of a site (or
    a folder of one), ending in "/"; or None when it is not set."""
    if value is None or value == "":
        return None
    parts = urlsplit(value) if isinstance(value, str) else None
    if (
        parts is None
        or parts.scheme != "https"
        or not parts.hostname
        # A password, a query or a fragment would be printed into every QR code.
        or parts.username is not None
        or parts.query
        or parts.fragment
        or any(c.isspace() for c in value)
    ):
        raise ConfigurationError(
            "FLASK_PUBLIC_URL must be the check's public address, starting with https:// "
            f"(for example https://check.example.org/), not {value!r}."
        )
    return value if value.endswith("/") else value + "/"
