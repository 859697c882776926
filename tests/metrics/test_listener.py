"""The metrics listener's bookkeeping in gunicorn's master (app/metrics/listener.py): a fresh
directory, and an exited worker's counts folded into the retired ones without a count lost
or added. Workers are played by real processes counting in prometheus-client's
multiprocess mode, the library's own way of writing the files; test_publishing.py shows
that the app's workers write the same (app/metrics/publishing.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from app.metrics import listener
from tests.support.metrics import samples

# A worker: counts in the directory given, with labels and a histogram, then exits.
WORKER = """
import sys
from prometheus_client import Counter, Histogram
requests = Counter("check_http_requests_total", "Requests.", ["route", "status"])
durations = Histogram("check_http_request_duration_seconds", "Seconds.", ["route"],
                      buckets=(0.001, 0.01, 0.1))
for n in range(int(sys.argv[1])):
    requests.labels("/questions/<question_id>", "200" if n % 3 else "303").inc()
    durations.labels("/questions/<question_id>").observe([0.0005, 0.005, 0.05, 0.5][n % 4])
requests.labels("/", "200").inc()
print(__import__("os").getpid())
"""


def run_worker(directory, count: int) -> int:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(count)],
        env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(directory)},
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def scrape(directory) -> dict:
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(directory))
    return samples(generate_latest(registry).decode())


def test_an_exited_workers_counts_are_kept_and_its_files_go(tmp_path):
    first, second = run_worker(tmp_path, 7), run_worker(tmp_path, 10)
    before = scrape(tmp_path)
    assert before[("check_http_requests_total", (("route", "/"), ("status", "200")))] == 2
    listener.worker_exited(first, str(tmp_path))
    assert scrape(tmp_path) == before
    listener.worker_exited(second, str(tmp_path))
    assert scrape(tmp_path) == before
    assert sorted(os.listdir(tmp_path)) == ["counter_retired.db", "histogram_retired.db"]
    # A later worker's counts add to the retired ones, and fold in the same way.
    third = run_worker(tmp_path, 5)
    with_third = scrape(tmp_path)
    route = ("route", "/questions/<question_id>")
    count = "check_http_request_duration_seconds_count"
    assert with_third[(count, (route,))] == before[(count, (route,))] + 5
    listener.worker_exited(third, str(tmp_path))
    assert scrape(tmp_path) == with_third
    assert sorted(os.listdir(tmp_path)) == ["counter_retired.db", "histogram_retired.db"]


def test_the_buckets_stay_as_prometheus_expects_after_folding(tmp_path):
    pid = run_worker(tmp_path, 8)
    listener.worker_exited(pid, str(tmp_path))
    buckets = {
        dict(series)["le"]: value
        for (name, series), value in scrape(tmp_path).items()
        if name == "check_http_request_duration_seconds_bucket"
    }
    # 8 observations, two in each of 0.5 ms, 5 ms, 50 ms and 500 ms: cumulative buckets.
    assert buckets == {"0.001": 2, "0.01": 4, "0.1": 6, "+Inf": 8}


def test_a_worker_that_counted_nothing_leaves_nothing_to_fold(tmp_path):
    listener.worker_exited(12345, str(tmp_path))
    assert os.listdir(tmp_path) == []


def test_each_start_has_a_fresh_empty_directory_of_its_own(monkeypatch):
    # prepare_directory() sets both in this process's environment: set first through
    # monkeypatch, so that they are put back as they were (unset) after the test.
    for name in (listener.DIRECTORY, listener.MADE_BY):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    first = listener.prepare_directory()
    try:
        assert os.listdir(first) == []
        assert os.environ[listener.DIRECTORY] == first
        if os.path.isdir("/dev/shm"):
            assert first.startswith("/dev/shm/")
        # The settings read again by the same master (a HUP): the same directory.
        assert listener.prepare_directory() == first
        # Another master (another process id): a new one.
        monkeypatch.setenv(listener.MADE_BY, "1")
        second = listener.prepare_directory()
        assert second != first and os.listdir(second) == []
        listener.remove_directory(second)
        assert not os.path.exists(second)
    finally:
        listener.remove_directory(first)
