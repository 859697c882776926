"""Each worker's counts, published for the metrics listener: counted in memory as requests
come, and written to the worker's own files in the metrics directory once a second and
when the worker exits. The listener in gunicorn's master adds those files up for
Prometheus (app/metrics/listener.py), as prometheus-client's multiprocess mode does.

Why not let prometheus-client write every count to the file as it happens, which is what
its multiprocess mode does in each worker: each such write takes one lock shared by all of
a worker's threads and asks the system for the process id, three times a request (the
request counter, a histogram bucket, its sum). With a gthread worker's threads answering
at once, a thread interrupted while holding that lock stops the others: counting cost
about 7 microseconds a request on one thread and 20 to 30 on eight, against 2 to 3 in
memory (bench/README.md, "What the service's figures cost", has the figures and the
command). In memory, each count takes only its own series' lock.

What that costs: a scrape sees counts up to a second old (Prometheus scrapes every 15 s or
more), and a worker killed outright (SIGKILL: out of memory, or stuck past gunicorn's
timeout) loses its last second's counts. A worker that stops in any other way (recycled
after max_requests, a restart, SIGTERM) writes its counts as it exits, before gunicorn's
master folds its files into the retired ones.

The files are prometheus-client's multiprocess format (`prometheus_client.mmap_dict`, the
same the listener reads and folds), one for counters and one for histograms, named by the
process id as the library names them, holding what the library would have written:
counters' totals, and histograms' buckets one by one (not added up) with their sum.
`prometheus_client.mmap_dict` is the library's file format rather than its documented
interface: tests/metrics/test_publishing.py fails if an upgrade changes it.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time

# Where the workers publish their counts: the listener's directory, which
# deploy/gunicorn.conf.py makes and names here before the app is loaded. Not prometheus-
# client's PROMETHEUS_MULTIPROC_DIR, which would put the library itself in multiprocess
# mode, writing every count to a file as it happens.
DIRECTORY = "CHECK_METRICS_DIRECTORY"
# Seconds between two writes of a worker's counts.
INTERVAL = 1.0
# The kinds of figure, each with a file per worker ("counter_<pid>.db"): the figures are
# counters and histograms (app/metrics/figures.py).
KINDS = ("counter", "histogram")

logger = logging.getLogger(__name__)


class Publisher:
    """Writes one registry's counts to `directory` every `interval` seconds, from a thread
    of each process that counts, and once more as that process exits."""

    def __init__(self, registry, directory: str, interval: float | None = None) -> None:
        self._registry = registry
        self._directory = directory
        self._interval = INTERVAL if interval is None else interval
        self._thread: threading.Thread | None = None
        self._starting = threading.Lock()
        # One write at a time: the thread's and the last one, at exit.
        self._writing = threading.Lock()
        self._keys: dict = {}
        # Whether anything was counted since the last write: an idle worker writes nothing.
        self._counted = False

    @property
    def running_here(self) -> bool:
        """Whether this process has a thread publishing its counts."""
        return self._thread is not None and self._thread.is_alive()

    def keep_publishing(self) -> None:
        """Called with every count: starts publishing in this process if it has not yet.
        The thread is started by the first count rather than with the app, because under
        gunicorn the app is made in the master and each worker is a copy of it (a fork
        takes no threads with it): only a process that counts publishes."""
        self._counted = True
        if self.running_here:
            return
        with self._starting:
            if self.running_here:
                return
            self._thread = threading.Thread(
                target=self._publish_every_interval, name="metrics-publisher", daemon=True
            )
            self._thread.start()
            atexit.register(self.publish)

    def publish(self) -> None:
        """Write every series' current value to this process's files. They are opened for
        each write and closed after it (a few hundred series, once a second): nothing is
        held open, and a worker forked from the master writes files named by its own
        process id."""
        from prometheus_client.mmap_dict import MmapedDict

        with self._writing:
            files: dict = {}
            try:
                for metric in self._registry.collect():
                    if metric.type not in files:
                        files[metric.type] = MmapedDict(self._path(metric.type))
                    self._write(metric, files[metric.type])
            finally:
                for file in files.values():
                    file.close()

    def _write(self, metric, file) -> None:
        running_totals: dict = {}
        for sample in metric.samples:
            value = sample.value
            if sample.name == metric.name + "_bucket":
                # Exposed added up (each bucket counts those below it too); the files keep
                # each bucket on its own, and the collector adds them up.
                others = tuple((k, v) for k, v in sample.labels.items() if k != "le")
                below = running_totals.get(others, 0.0)
                running_totals[others] = sample.value
                value = sample.value - below
            elif sample.name not in (metric.name + "_total", metric.name + "_sum"):
                continue  # _count: the collector works it out from the buckets
            file.write_value(self._key(metric, sample), value, 0.0)

    def _publish_every_interval(self) -> None:
        # A daemon thread: it ends with its process, whose exit writes the last counts.
        failing = False
        while True:
            time.sleep(self._interval)
            if not self._counted:
                continue
            # Cleared before the counts are read: a count that comes while they are being
            # written is written next time.
            self._counted = False
            try:
                self.publish()
            except OSError as error:
                # The directory's memory full, say: said once, tried again each second.
                if not failing:
                    logger.error(
                        "Cannot write this worker's counts to %s: %s", self._directory, error
                    )
                failing, self._counted = True, True
            else:
                failing = False

    def _path(self, kind: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"the figures are counters and histograms, not a {kind}")
        return os.path.join(self._directory, f"{kind}_{os.getpid()}.db")

    def _key(self, metric, sample) -> str:
        """The series' key in the file, as prometheus-client writes it (worked out once)."""
        cache_key = (sample.name, tuple(sample.labels.items()))
        key = self._keys.get(cache_key)
        if key is None:
            from prometheus_client.mmap_dict import mmap_key

            key = self._keys[cache_key] = mmap_key(
                metric.name,
                sample.name,
                list(sample.labels),
                list(sample.labels.values()),
                metric.documentation,
            )
        return key
