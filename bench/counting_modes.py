"""Why each worker counts in memory and writes its counts once a second
(app/metrics/publishing.py), rather than letting prometheus-client write every count to a
file as it happens (its multiprocess mode).

A request's counts are three values: the request counter, a bucket of the duration
histogram and the histogram's sum. This times them both ways, in one thread and in
THREADS threads at once (a gthread worker answers in up to 64), each way in a process of
its own (prometheus-client picks its way when first imported), in turns, and gives each
way's best round: on a shared machine, the best is the round least disturbed.

Run: .venv/bin/python bench/counting_modes.py [--rounds 7] [--counts 20000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile

THREADS = 8

# One round in a fresh process: microseconds per request's counts, in 1 and THREADS threads.
ROUND = """
import os, sys, threading, time
from prometheus_client import CollectorRegistry, Counter, Histogram
registry = CollectorRegistry()
requests = Counter("requests", "Requests.", ["route"], registry=registry).labels("/q")
durations = Histogram("seconds", "Seconds.", ["route"], registry=registry).labels("/q")
def count(n):
    for _ in range(n):
        requests.inc()
        durations.observe(0.003)
n, threads = {counts}, {threads}
started = time.perf_counter(); count(n); alone = time.perf_counter() - started
each = [threading.Thread(target=count, args=(n // threads,)) for _ in range(threads)]
started = time.perf_counter()
for thread in each: thread.start()
for thread in each: thread.join()
together = time.perf_counter() - started
print(alone / n * 1e6, together / n * 1e6)
"""


def one_round(multiprocess: bool, counts: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="bench-counting-") as directory:
        environment = {"PROMETHEUS_MULTIPROC_DIR": directory} if multiprocess else {}
        done = subprocess.run(
            [sys.executable, "-c", ROUND.format(counts=counts, threads=THREADS)],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
    alone, together = map(float, done.stdout.split())
    return alone, together


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--counts", type=int, default=20000, help="requests counted a round")
    options = parser.parse_args()
    ways = {"in memory (the app)": False, "a file per count (multiprocess)": True}
    rounds = {way: [] for way in ways}
    for _ in range(options.rounds):
        for way, multiprocess in ways.items():
            rounds[way].append(one_round(multiprocess, options.counts))
    print("A request's counts (counter, histogram bucket and sum), µs, best of each way's rounds")
    print(f"{'way':34} {'1 thread':>9} {f'{THREADS} threads':>10}")
    for way, runs in rounds.items():
        print(f"{way:34} {min(r[0] for r in runs):9.2f} {min(r[1] for r in runs):10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
