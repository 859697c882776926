"""Each worker's counts, published to the metrics directory (app/metrics/publishing.py):
what the listener adds up from the files is exactly what the app counted in memory, it is
written again every interval without being added twice, and the last counts are written
as the process exits. Read back with prometheus-client's own multiprocess collector, as the
listener reads them, so these fail if an upgrade changes the library's file format."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from app import metrics
from app.metrics import listener, publishing
from app.metrics.publishing import Publisher
from tests.support.metrics import samples, scrape_app, total
from tests.support.walker import ClientVisitor, answers_by, walk

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


def scrape_directory(directory) -> str:
    """What the metrics listener would serve from the directory."""
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(directory))
    return generate_latest(registry).decode()


@pytest.fixture
def publishing_app(make_app, monkeypatch, tmp_path):
    """An app that counts and publishes to tmp_path, as a gunicorn worker with METRICS_PORT."""
    monkeypatch.setenv(publishing.DIRECTORY, str(tmp_path))
    return make_app(METRICS=None)


def publisher_of(app) -> Publisher:
    return app.extensions[metrics.EXTENSION].publisher


def test_the_files_say_exactly_what_the_app_counted(publishing_app, tmp_path):
    checklist = publishing_app.extensions["checklist"]
    client = publishing_app.test_client()
    client.get("/?lang=ro")
    for audience in ("myself", "someone_else"):
        answers = answers_by(checklist, lambda question, options: options[0])
        for _ in walk(ClientVisitor(client), checklist, audience, answers):
            pass
    client.get("/no-such-page")
    client.get("/exit")
    publisher_of(publishing_app).publish()

    counted = samples(scrape_app(publishing_app))
    assert total(scrape_app(publishing_app), "check_journeys_completed_total") == 2
    assert samples(scrape_directory(tmp_path)) == counted
    # The library's own names for the files, by process id: what it folds and forgets.
    assert sorted(os.listdir(tmp_path)) == [
        f"counter_{os.getpid()}.db",
        f"histogram_{os.getpid()}.db",
    ]


def test_writing_again_writes_the_counts_as_they_are_now_not_added_twice(publishing_app, tmp_path):
    client = publishing_app.test_client()
    publisher = publisher_of(publishing_app)
    client.get("/")
    publisher.publish()
    publisher.publish()
    assert total(scrape_directory(tmp_path), "check_http_requests_total") == 1
    client.get("/")
    client.get("/exit")
    publisher.publish()
    published = scrape_directory(tmp_path)
    assert total(published, "check_http_requests_total") == 3
    assert total(published, "check_http_request_duration_seconds_count") == 3
    assert samples(published) == samples(scrape_app(publishing_app))


def test_counts_are_published_by_themselves_every_interval(tmp_path):
    registry = CollectorRegistry()
    exits = Counter("check_exits", "Quick exits.", registry=registry)
    publisher = Publisher(registry, str(tmp_path), interval=0.05)
    exits.inc()
    publisher.keep_publishing()
    exits.inc()
    deadline = time.monotonic() + 5
    while total(scrape_directory(tmp_path), "check_exits_total") != 2:
        assert time.monotonic() < deadline, "nothing was published within 5 s"
        time.sleep(0.02)


def test_the_app_publishes_its_series_at_0_once_and_no_more_until_it_counts(
    publishing_app, tmp_path
):
    """Under gunicorn the app is made in the master, which never answers a request: it
    writes the series at 0, so that a scrape before anyone comes shows 0 rather than
    nothing, and keeps no thread; only the workers that count publish."""
    published = scrape_directory(tmp_path)
    assert "# TYPE check_journeys_started_total counter" in published
    assert total(published, "check_journeys_started_total") == 0
    assert samples(published) == samples(scrape_app(publishing_app))
    time.sleep(publishing.INTERVAL * 1.5)
    assert not publisher_of(publishing_app).running_here
    publishing_app.test_client().get("/")
    assert publisher_of(publishing_app).running_here


# A worker: the app counting and publishing as under gunicorn, a few requests, then exit
# long before the first interval is up: only the write at exit can have put them there.
WORKER = textwrap.dedent(
    """
    import logging, sys
    logging.disable(logging.WARNING)
    from app import create_app
    from app.metrics import publishing
    publishing.INTERVAL = 3600
    app = create_app({"SECRET_KEY": "w" * 40, "TESTING": True})
    client = app.test_client()
    for _ in range(int(sys.argv[1])):
        client.get("/")
    client.get("/exit")
    print(__import__("os").getpid())
    """
)


def run_worker(directory, requests: int) -> int:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(requests)],
        cwd=PROJECT_ROOT,
        env={**os.environ, publishing.DIRECTORY: str(directory)},
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1])


def test_a_worker_that_exits_writes_its_last_counts_and_they_survive_folding(tmp_path):
    first = run_worker(tmp_path, 4)
    second = run_worker(tmp_path, 2)
    published = scrape_directory(tmp_path)
    assert total(published, "check_http_requests_total") == 4 + 1 + 2 + 1
    assert total(published, "check_exits_total") == 2
    # The master folds each exited worker's files into the retired ones: nothing lost.
    listener.worker_exited(first, str(tmp_path))
    listener.worker_exited(second, str(tmp_path))
    assert samples(scrape_directory(tmp_path)) == samples(published)
    assert sorted(os.listdir(tmp_path)) == ["counter_retired.db", "histogram_retired.db"]
