"""The kiosk's settings, and their checks at start-up (see app/settings.py for the rest)."""

from __future__ import annotations

from ..settings import ConfigurationError, on_or_off

DEFAULTS = {
    # Shared screens in community centres: no links off the screen, QR codes instead, and
    # everything cleared after KIOSK_IDLE_SECONDS without input (see app/kiosk/idle.py).
    "KIOSK_MODE": False,
    "KIOSK_IDLE_SECONDS": 120,
}

# On a kiosk the warning shows for this long before the screen clears: enough to notice and
# respond (WCAG 2.2.1 asks for at least 20 seconds).
WARNING_SECONDS = 30
MIN_IDLE_SECONDS = 60


def switched_on(config: dict) -> bool:
    """Whether `config` asks for a kiosk (FLASK_KIOSK_MODE=1), normalised in place."""
    config["KIOSK_MODE"] = on_or_off("KIOSK_MODE", config.get("KIOSK_MODE", False))
    return config["KIOSK_MODE"]


def check_idle_seconds(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < MIN_IDLE_SECONDS:
        raise ConfigurationError(
            f"FLASK_KIOSK_IDLE_SECONDS must be a whole number of seconds, at least "
            f"{MIN_IDLE_SECONDS} (the warning alone lasts {WARNING_SECONDS}), "
            f"not {value!r}."
        )
