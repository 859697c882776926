"""The metrics listener, in gunicorn's master: what deploy/gunicorn.conf.py calls when
METRICS_PORT is set.

prometheus-client's multiprocess mode, as its documentation says for gunicorn: each worker
writes its counts to files of its own in one directory (named in publishing.DIRECTORY;
app/metrics/publishing.py says how and when), and the listener adds up every file when
Prometheus scrapes it. The directory is made fresh and empty at start (counts from an
earlier run would be added to this one's), before the app is loaded, which reads its name.
This module imports prometheus-client only inside its functions: a service that counts
nothing never loads it.

The listener runs in the master, a thread of its own, on its own port: never on the
public port, and it lives as long as the service, however often workers are replaced.

A worker that exits (recycled after max_requests, or restarted) leaves its files behind:
its counts must still be added, or totals would go down. Kept as they are, one pair of
files per worker that ever ran would pile up for as long as the service runs, each scrape
reading more, until the directory's memory (/dev/shm, 16 MiB in the Kubernetes manifests)
ran out. So when a worker has exited, its counts are added into one file of retired
counts and its own files removed. The master does that in gunicorn's child_exit hook,
after the worker has gone and before another can be started with its process id, and a
scrape never reads the directory half-way through (one lock, in the master).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading

from .publishing import DIRECTORY, KINDS

# The master that made the directory: gunicorn reads its settings file again on a HUP,
# and the directory must then stay the one the workers and the listener already use.
MADE_BY = "CHECK_METRICS_DIRECTORY_MADE_BY"
# The files the retired workers' counts are added into ("counter_retired.db"): the
# collector takes the kind of a file from the start of its name, up to "_".
RETIRED = "retired"

# Held while a scrape reads the files and while an exited worker's are folded in.
_files_in_use = threading.Lock()


def prepare_directory() -> str:
    """A fresh, empty directory for the workers' counts, named in publishing.DIRECTORY:
    in /dev/shm where there is one (memory, and the one writable place in the container
    image), else the system's temporary folder. Its name is new for every start, so two
    services on one machine never share one."""
    made = os.environ.get(DIRECTORY)
    if made and os.environ.get(MADE_BY) == str(os.getpid()) and os.path.isdir(made):
        return made
    parent = "/dev/shm" if os.path.isdir("/dev/shm") else None
    directory = tempfile.mkdtemp(prefix="check-metrics-", dir=parent)
    os.environ[DIRECTORY] = directory
    os.environ[MADE_BY] = str(os.getpid())
    return directory


def start(address: str, port: int, directory: str) -> None:
    """Serve the sum of every worker's counts on address:port, from a thread of this
    process (gunicorn's master). Raises OSError when the port cannot be had."""
    from prometheus_client import CollectorRegistry, start_http_server
    from prometheus_client.multiprocess import MultiProcessCollector

    registry = CollectorRegistry()
    registry.register(_OneScrapeAtATime(MultiProcessCollector(None, path=directory)))
    start_http_server(port, addr=address, registry=registry)


def worker_exited(pid: int, directory: str) -> None:
    """After a worker has exited: its live gauges forgotten (prometheus-client's own
    bookkeeping; the check has none today), its counts added to the retired ones."""
    from prometheus_client import multiprocess

    with _files_in_use:
        multiprocess.mark_process_dead(pid, directory)
        for kind in KINDS:
            retire(directory, kind, pid)


def retire(directory: str, kind: str, pid: int) -> None:
    """Add the counts in the worker's file of `kind` into the retired file, then remove it.
    The new retired file is written beside the old under a name the collector does not
    read, then put in its place in one step.

    `prometheus_client.mmap_dict` is the library's file format, not part of its documented
    interface: tests/metrics/test_listener.py fails if an upgrade changes it."""
    from prometheus_client.mmap_dict import MmapedDict, mmap_key
    from prometheus_client.multiprocess import MultiProcessCollector

    exited = os.path.join(directory, f"{kind}_{pid}.db")
    if not os.path.exists(exited):
        return
    retired = os.path.join(directory, f"{kind}_{RETIRED}.db")
    sources = [path for path in (retired, exited) if os.path.exists(path)]
    # accumulate=False: histogram buckets stay as the files keep them (each bucket on its
    # own), as prometheus-client's documentation of merge() says for writing them back.
    merged = MultiProcessCollector.merge(sources, accumulate=False)
    replacement = retired + ".new"
    values = MmapedDict(replacement)
    try:
        for metric in merged:
            for sample in metric.samples:
                key = mmap_key(
                    metric.name,
                    sample.name,
                    list(sample.labels),
                    list(sample.labels.values()),
                    metric.documentation,
                )
                values.write_value(key, sample.value, 0.0)
    finally:
        values.close()
    os.replace(replacement, retired)
    os.remove(exited)


def remove_directory(directory: str) -> None:
    """When the service stops: the counts go with it (Prometheus has what it scraped)."""
    shutil.rmtree(directory, ignore_errors=True)


class _OneScrapeAtATime:
    """The multiprocess collector, never reading the files while a worker's are being
    folded into the retired ones (which would count them twice, or not at all)."""

    def __init__(self, collector) -> None:
        self.collector = collector

    def collect(self):
        with _files_in_use:
            return list(self.collector.collect())
