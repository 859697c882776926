"""The service's figures: counts that say how the check is used and how it runs, and never
who used it (issue 24).

Each figure is declared once (figures.py), with what it counts in plain words for the
privacy notice. The rest of the app counts through the small interface below, naming what
happened and never anything a person sent: a view says "a journey was started, for this
audience, in this language", and the label values are checked against sets fixed at
start-up (labels.py). When metrics are off every function here returns at once, and
nothing is added to the handling of a request.

Metrics are on when the app is told so (the METRICS setting), which by default means: when
the process has a metrics directory. deploy/gunicorn.conf.py makes one, and starts the
listener that Prometheus scrapes (listener.py), only when METRICS_PORT is set: see
docs/operators.md, "Service figures (Prometheus)".

Sits beside the checklist, below every other part: any part may count, and this package
knows nothing of the journey, the pages or the kiosk beyond what it is told.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, current_app

from ..checklist import Checklist
from .figures import FIGURES, Figure

__all__ = [
    "FIGURES",
    "Figure",
    "count_csrf_refusal",
    "count_exit",
    "count_expired_session",
    "count_form_error",
    "count_journey_completed",
    "count_journey_started",
    "count_kiosk_reset",
    "figures_counted",
    "init_app",
    "registry",
]

EXTENSION = "metrics"


def init_app(app: Flask, checklist: Checklist, *, kiosk: bool) -> None:
    """Count the service's figures if the METRICS setting says so. Call before the other
    parts wrap the app (web.init_app), so that the request counting sits right around Flask
    and the static files and probes, answered in front of it, are not counted."""
    if not app.config["METRICS"]:
        return
    # Only now: a service that counts nothing never loads prometheus-client.
    from . import counting

    app.extensions[EXTENSION] = counting.install(app, checklist, kiosk=kiosk)


def registry(app: Flask):
    """The app's own prometheus-client registry (None when metrics are off): for tests and
    for anything serving the counts from inside one process."""
    counts = app.extensions.get(EXTENSION)
    return counts.registry if counts is not None else None


def figures_counted() -> tuple[Figure, ...]:
    """The figures this app counts, for the privacy notice: all of them, or none."""
    return FIGURES if _counts() is not None else ()


def count_journey_started(audience: str, language: str) -> None:
    """Someone chose who the check is about (the start page's form went through)."""
    counts = _counts()
    if counts is not None:
        counts.journey_started(audience, language)


def count_journey_completed(audience: str, answers: Mapping[str, str], language: str) -> None:
    """A journey's last open question was answered: counted by its distinct outcome (the
    numbering of `flask checklist matrix`), never by the answers themselves."""
    counts = _counts()
    if counts is not None:
        counts.journey_completed(audience, answers, language)


def count_exit() -> None:
    counts = _counts()
    if counts is not None:
        counts.exit()


def count_kiosk_reset(reason: str) -> None:
    """A kiosk's screen was cleared: reason "idle" or "finished"."""
    counts = _counts()
    if counts is not None:
        counts.kiosk_reset(reason)


def count_form_error() -> None:
    """This request's form was sent with nothing chosen (counted by its URL rule)."""
    counts = _counts()
    if counts is not None:
        counts.form_error()


def count_expired_session() -> None:
    counts = _counts()
    if counts is not None:
        counts.expired_sessions.inc()


def count_csrf_refusal() -> None:
    counts = _counts()
    if counts is not None:
        counts.csrf_refusals.inc()


def _counts():
    return current_app.extensions.get(EXTENSION)
