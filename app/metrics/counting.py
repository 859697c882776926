"""The counters themselves (prometheus-client), for one app, and the request counting.

Imported only when metrics are on (app/metrics/__init__.py): a service that counts nothing
never loads prometheus-client. Counts are kept in memory, in the app's own registry. Under
gunicorn with METRICS_PORT set, deploy/gunicorn.conf.py names a metrics directory
(publishing.DIRECTORY) before the app is loaded, and each worker writes its counts there
once a second (app/metrics/publishing.py) for the listener in gunicorn's master to add up
(app/metrics/listener.py); anywhere else (tests, the benchmarks without one) they stay in
memory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from time import perf_counter

from flask import Flask, Request, current_app, request
from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics

from ..checklist import Checklist
from ..checklist.combinations import Combination, Outcome
from ..checklist.outcomes import distinct_outcomes, outcome_key
from ..checklist.rules import guidance_for
from . import figures, labels
from .publishing import DIRECTORY, Publisher

# The request object Flask made, noted in its WSGI environ for RequestCounting (below),
# which reads the URL rule it matched once Flask has answered.
REQUEST = "check.metrics.request"

# Seconds. The app prepares a page in well under a millisecond on its own and in a few
# milliseconds under load (bench/README.md), so the buckets are finest there; the upper
# ones catch a machine that is struggling. Each bucket is a series for every route and
# method, so there are no more than the latency alerts and dashboards need (p50 to p99).
DURATION_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Counts:
    """Every figure of app/metrics/figures.py, for one app, with its label values checked
    against the sets fixed at start-up (app/metrics/labels.py)."""

    def __init__(self, checklist: Checklist, *, kiosk: bool) -> None:
        self.registry = CollectorRegistry()
        self._checklist = checklist
        self._languages = frozenset(checklist.languages)
        self._audiences = frozenset(checklist.audience_ids)
        # Worked out once, here, from every combination of answers: a person's outcome is
        # then a look-up, and only its number is ever counted.
        self._outcomes = {
            outcome_key(distinct.example): distinct.name
            for distinct in distinct_outcomes(checklist)
        }
        self._kiosk = labels.KIOSK[kiosk]
        self._routes: frozenset[str] | None = None
        # Set by install() when the counts are to be published for a metrics listener.
        self.publisher: Publisher | None = None

        def counter(figure: figures.Figure) -> Counter:
            return Counter(figure.name, figure.help, figure.labels, registry=self.registry)

        self.requests = counter(figures.HTTP_REQUESTS)
        self.durations = Histogram(
            figures.HTTP_REQUEST_DURATION.name,
            figures.HTTP_REQUEST_DURATION.help,
            figures.HTTP_REQUEST_DURATION.labels,
            buckets=DURATION_BUCKETS,
            registry=self.registry,
        )
        self.journeys_started = counter(figures.JOURNEYS_STARTED)
        self.journeys_completed = counter(figures.JOURNEYS_COMPLETED)
        self.exits = counter(figures.EXITS)
        self.kiosk_resets = counter(figures.KIOSK_RESETS)
        self.form_errors = counter(figures.FORM_ERRORS)
        self.expired_sessions = counter(figures.EXPIRED_SESSIONS)
        self.csrf_refusals = counter(figures.CSRF_REFUSALS)
        # A child per label set, looked up by one dict access on each request rather than
        # through labels(), which checks and converts its arguments every time.
        self._request_children: dict[tuple, tuple] = {}

        # Every series of the person-facing figures from the start, at 0, so that a
        # dashboard shows 0 rather than nothing, and the first count is an increase.
        for audience in checklist.audience_ids:
            for language in checklist.languages:
                self.journeys_started.labels(audience, language)
        for outcome in sorted(set(self._outcomes.values())):
            for language in checklist.languages:
                self.journeys_completed.labels(outcome, language)
        self.exits.labels(self._kiosk)
        if kiosk:
            for reason in labels.RESET_REASONS:
                self.kiosk_resets.labels(reason)

    # What people did.

    def journey_started(self, audience: str, language: str) -> None:
        self.journeys_started.labels(
            labels.one_of(audience, self._audiences), labels.one_of(language, self._languages)
        ).inc()

    def journey_completed(self, audience: str, answers: Mapping[str, str], language: str) -> None:
        blocks = guidance_for(self._checklist, audience, answers)
        key = outcome_key(Outcome(Combination(audience, answers), tuple(blocks)))
        outcome = self._outcomes.get(key, labels.UNKNOWN)
        self.journeys_completed.labels(outcome, labels.one_of(language, self._languages)).inc()

    def exit(self) -> None:
        self.exits.labels(self._kiosk).inc()

    def kiosk_reset(self, reason: str) -> None:
        self.kiosk_resets.labels(labels.one_of(reason, labels.RESET_REASONS)).inc()

    def form_error(self) -> None:
        self.form_errors.labels(self._route_of(request.url_rule)).inc()

    # What the service did.

    def request(self, environ: dict, status_line: str, seconds: float) -> None:
        flask_request = environ.pop(REQUEST, None)
        rule = flask_request.url_rule if flask_request is not None else None
        route = rule.rule if rule is not None else labels.UNKNOWN
        method = labels.method_label(environ.get("REQUEST_METHOD", ""))
        # Keyed by the status line the app sent ("200 OK"): the app's own few, so the
        # look-up table stays as small as the series.
        key = (route, method, status_line)
        children = self._request_children.get(key)
        if children is None:
            status = labels.status_label(status_line)
            children = self._request_children[key] = (
                self.requests.labels(route, method, status),
                self.durations.labels(route, method),
            )
        children[0].inc()
        children[1].observe(seconds)
        if self.publisher is not None:
            self.publisher.keep_publishing()

    def _route_of(self, rule) -> str:
        if self._routes is None:
            # The URL map is complete once the app has been built; read it once.
            self._routes = frozenset(r.rule for r in current_app.url_map.iter_rules())
        return labels.one_of(rule.rule if rule is not None else None, self._routes)


def request_class_noting_itself(base: type[Request]) -> type[Request]:
    """Flask's request class, putting each request in its WSGI environ, so that
    RequestCounting can read the URL rule it matched (Flask's own request_class setting;
    cheaper than an after_request hook, and it holds for every answer, error pages too).
    A rule is one of the app's own, never the path a client sent."""

    class RequestNotingItself(base):
        def __init__(self, environ, *args, **kwargs) -> None:
            super().__init__(environ, *args, **kwargs)
            environ[REQUEST] = self

    return RequestNotingItself


class RequestCounting:
    """WSGI middleware around Flask itself: counts each request Flask answers (by the URL
    rule its request matched, request_class_noting_itself) and times it,
    from the moment Flask takes it up until its answer is ready (the session saved; the
    body of every page is already in memory then). The static files and the probes are
    answered in front of it (app/web/assets.py, app/web/health.py), so they are not
    counted: a browser asks for the static files once a year, and the probes are the
    platform's, every few seconds, whether anyone comes or not."""

    def __init__(self, wsgi_app, counts: Counts) -> None:
        self.wsgi_app = wsgi_app
        self.counts = counts

    def __call__(self, environ, start_response):
        started = perf_counter()
        status = ["500"]  # what a request that raises is counted as

        def start_response_noting_status(status_line, headers, exc_info=None):
            status[0] = status_line
            return start_response(status_line, headers, exc_info)

        try:
            return self.wsgi_app(environ, start_response_noting_status)
        finally:
            self.counts.request(environ, status[0], perf_counter() - started)


def install(app: Flask, checklist: Checklist, *, kiosk: bool) -> Counts:
    # prometheus-client otherwise adds a "_created" series, the time each series was first
    # counted, to every counter kept in memory: the moment of one person's first form error
    # or exit, say. (The files published for the listener never hold them either.)
    disable_created_metrics()
    counts = Counts(checklist, kiosk=kiosk)
    directory = os.environ.get(DIRECTORY)
    if directory:
        counts.publisher = Publisher(counts.registry, directory)
        # The series at 0, once, from the process that makes the app (gunicorn's master):
        # a scrape before anyone has come shows 0 rather than nothing.
        counts.publisher.publish()
    app.wsgi_app = RequestCounting(app.wsgi_app, counts)
    app.request_class = request_class_noting_itself(app.request_class)
    return counts
