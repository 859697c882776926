"""Every figure the service counts, declared once: its Prometheus name, kind and labels,
and what it counts in plain words for the privacy notice (templates/privacy.html lists them
from here, so the notice cannot leave one out: tests/metrics/ checks it against what a
scrape shows).

The names are an interface: dashboards (deploy/grafana/) and alerts (deploy/prometheus/)
rely on them. Every label takes its values from a set fixed at start-up (app/metrics/labels.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Figure:
    name: str
    kind: str  # "counter" or "histogram"
    labels: tuple[str, ...]
    # For Prometheus' HELP line, in English, for operators.
    help: str
    # For the privacy notice, in the page's language.
    in_plain_words: object


HTTP_REQUESTS = Figure(
    "check_http_requests_total",
    "counter",
    ("route", "method", "status"),
    "Requests the app answered, by URL rule, method and status.",
    _l("how many times each kind of page was asked for, and whether it worked"),
)
HTTP_REQUEST_DURATION = Figure(
    "check_http_request_duration_seconds",
    "histogram",
    ("route", "method"),
    "Seconds the app took to answer a request, by URL rule and method.",
    _l("how long the service took to prepare each kind of page"),
)
JOURNEYS_STARTED = Figure(
    "check_journeys_started_total",
    "counter",
    ("audience", "language"),
    "Checks started (who it is for chosen), by audience and language.",
    _l(
        "how many checks were started, for each language and for who the check was about "
        "(you, or someone else)"
    ),
)
JOURNEYS_COMPLETED = Figure(
    "check_journeys_completed_total",
    "counter",
    ("outcome", "language"),
    "Checks with every question answered, by distinct outcome (flask checklist matrix) "
    "and language.",
    _l(
        "how many checks reached the end, for each language and for which kind of advice "
        "the answers led to"
    ),
)
EXITS = Figure(
    "check_exits_total",
    "counter",
    ("kiosk",),
    "Quick exits the server saw (Leave this site), on a kiosk or not.",
    _l('how many times "Leave this site" was used'),
)
KIOSK_RESETS = Figure(
    "check_kiosk_resets_total",
    "counter",
    ("reason",),
    "Kiosk screens cleared, because idle or because finished.",
    _l(
        "on a shared screen, how many times it was cleared, because it was not used for a "
        'while or because someone selected "Finish and clear"'
    ),
)
FORM_ERRORS = Figure(
    "check_form_errors_total",
    "counter",
    ("route",),
    "Forms sent with nothing chosen, by URL rule.",
    _l("how many times a page was sent without an answer chosen"),
)
EXPIRED_SESSIONS = Figure(
    "check_expired_sessions_total",
    "counter",
    (),
    "Session cookies that could not be used any more (expired, or signed with another key).",
    _l("how many times the check had to start again because a visit had ended"),
)
CSRF_REFUSALS = Figure(
    "check_csrf_refusals_total",
    "counter",
    (),
    "Form posts refused by the form check (missing or stale token, another site's origin).",
    _l(
        "how many times an answer did not go through because its page was open too long "
        "or came from another website"
    ),
)

# In the order the privacy notice lists them: what people did first, then the service.
FIGURES = (
    JOURNEYS_STARTED,
    JOURNEYS_COMPLETED,
    EXITS,
    KIOSK_RESETS,
    FORM_ERRORS,
    EXPIRED_SESSIONS,
    CSRF_REFUSALS,
    HTTP_REQUESTS,
    HTTP_REQUEST_DURATION,
)
