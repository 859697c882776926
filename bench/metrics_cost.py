"""What counting the service's figures costs a request, in machine instructions.

On this project's busy shared machines, times move by more than the few per cent the
figures cost; the instructions a request takes do not. For the question page GET and the
answer POST (as bench/in_process.py sends them), with metrics on (counted in memory and
published to a metrics directory once a second, as under gunicorn with METRICS_PORT) and
off, it runs the app under valgrind's callgrind twice, for 20 and for 120 requests, and
takes the difference over 100 requests, so that start-up cancels out; and what one write
of a worker's counts to its files costs (once a second, app/metrics/publishing.py). Two at
a time.

Run: .venv/bin/python bench/metrics_cost.py        (needs valgrind: apt-get install valgrind)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGES = {"question page": ("GET", "/questions/work"), "answer POST": ("POST", "/questions/work")}
SIZES = (20, 120)
WRITES = 20

# One run: the app (metrics on or off) serving `count` requests through its WSGI entry.
RUN = """
import logging, os, sys, tempfile
os.environ["CHECK_METRICS_DIRECTORY"] = tempfile.mkdtemp(prefix="bench-metrics-")
sys.path[:0] = [{bench!r}, {root!r}]
logging.disable(logging.WARNING)
from in_process import JOURNEY_ANSWERS, SECRET
from wsgi_requests import environs, finished_journey
from app import create_app
from app.metrics import publishing
# A thread writes the counts once a second: under valgrind, how often would depend on how
# slowly it runs. Here only at start and at exit, which cancel out; a write is counted on
# its own, as {publishes} writes after the requests.
publishing.INTERVAL = 10**9
app = create_app({{"SECRET_KEY": SECRET, "METRICS": {metrics}}})
cookie, token = finished_journey(app, JOURNEY_ANSWERS)
def start_response(*args): pass
for environ in environs({method!r}, {path!r}, cookie, token, 5):
    b"".join(app.wsgi_app(environ, start_response))
for environ in environs({method!r}, {path!r}, cookie, token, {count}):
    b"".join(app.wsgi_app(environ, start_response))
for _ in range({publishes}):
    app.extensions["metrics"].publisher.publish()
"""


def instructions(metrics: bool, method: str, path: str, count: int, publishes: int = 0) -> int:
    code = RUN.format(
        publishes=publishes,
        bench=str(PROJECT_ROOT / "bench"),
        root=str(PROJECT_ROOT),
        metrics=metrics,
        method=method,
        path=path,
        count=count,
    )
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [
                *("valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/out"),
                *(sys.executable, "-c", code),
            ],
            cwd=PROJECT_ROOT,
            # The same hashes in every run, so that the runs differ only by what they do.
            env={**os.environ, "PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
            check=True,
        )
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))


def main() -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)")
        return 2
    runs = [
        (page, metrics, count, 0) for page in PAGES for metrics in (False, True) for count in SIZES
    ]
    # And the same as the last run, with the counts written WRITES times after it.
    runs.append(("question page", True, SIZES[1], WRITES))
    with ThreadPoolExecutor(max_workers=2) as pool:
        counted = dict(
            zip(
                runs,
                pool.map(lambda run: instructions(run[1], *PAGES[run[0]], *run[2:]), runs),
                strict=True,
            )
        )
    print("Instructions per request (callgrind, the difference of 120 and 20 requests)")
    print(f"{'page':15} {'metrics off':>12} {'metrics on':>12} {'cost':>7}")
    for page in PAGES:
        each = {
            metrics: (counted[(page, metrics, SIZES[1], 0)] - counted[(page, metrics, SIZES[0], 0)])
            / (SIZES[1] - SIZES[0])
            for metrics in (False, True)
        }
        cost = each[True] / each[False] - 1
        print(f"{page:15} {each[False]:12,.0f} {each[True]:12,.0f} {cost:7.1%}")
        if page == "question page":
            question_page = each[True]
    with_writes = counted[("question page", True, SIZES[1], WRITES)]
    write = (with_writes - counted[("question page", True, SIZES[1], 0)]) / WRITES
    print(
        f"One write of a worker's counts (app/metrics/publishing.py; once a second, when "
        f"anything was counted): {write:,.0f} instructions, as many as "
        f"{write / question_page:.1f} question pages"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
