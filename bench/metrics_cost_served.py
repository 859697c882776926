"""What counting the service's figures costs a request through gunicorn as shipped, in
machine instructions.

bench/metrics_cost.py counts the app's own work, one request after another. This counts
everything a gunicorn worker does (deploy/gunicorn.conf.py: the gthread worker, its
threads, the counting middleware, the listener beside it in the master): one worker, as
shipped apart from its count, runs under valgrind's callgrind while 8 clients at once send
the question page GET or the answer POST, with METRICS_PORT set and without. The worker's
instructions are counted from the end of a warm-up to the end of the requests (callgrind's
counts are dumped and reset at each point), and divided by the requests.

Left out: the thread that writes the worker's counts once a second (its cost depends on
time, and valgrind slows time down fifty-fold). Its interval is set beyond the run, in a
copy of the settings; bench/metrics_cost.py counts one write on its own.

Run: .venv/bin/python bench/metrics_cost_served.py [--requests 400]
     (needs valgrind: apt-get install valgrind; about three minutes)
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from soak import free_port, walk_the_journey

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETTINGS = PROJECT_ROOT / "deploy" / "gunicorn.conf.py"
PAGES = {"question page": ("GET", "/questions/work"), "answer POST": ("POST", "/questions/work")}
CLIENTS = 8
WARM_UP = 40

# The shipped settings, and the one change: no write of the counts during the run.
SETTINGS_COPY = f"""
exec(compile(open({str(SETTINGS)!r}).read(), {str(SETTINGS)!r}, "exec"))
from app.metrics import publishing
publishing.INTERVAL = 10**9
"""


def send(port: int, method: str, path: str, cookie: str, token: str, count: int) -> None:
    """`count` requests on one kept-alive connection; the POST alternates its answer so
    that every request changes the session, as a person's answers do."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    headers = {"Cookie": f"session={cookie}"}
    for n in range(count):
        body = None
        if method == "POST":
            body = f"answer={'yes' if n % 2 else 'no'}&csrf_token={token}"
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        assert response.status in (200, 303), f"{method} {path}: {response.status}"
    connection.close()


def instructions_per_request(metrics: bool, method: str, path: str, requests: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        settings = Path(folder) / "gunicorn.conf.py"
        settings.write_text(SETTINGS_COPY)
        port = free_port()
        environment = {
            **os.environ,
            "FLASK_SECRET_KEY": "bench-" + "k" * 40,
            "WEB_CONCURRENCY": "1",
            # The same hashes in every run, so that the runs differ only by what they do.
            "PYTHONHASHSEED": "0",
        }
        environment.pop("METRICS_PORT", None)
        if metrics:
            environment["METRICS_PORT"] = str(free_port())
        server = subprocess.Popen(
            [
                *("valgrind", "--tool=callgrind", "--trace-children=yes"),
                f"--callgrind-out-file={folder}/counted.%p",
                *(sys.executable, "-m", "gunicorn", "--config", str(settings)),
                *("--bind", f"127.0.0.1:{port}", "--log-level", "error"),
                # Everything is fifty times slower under valgrind: no worker is stuck.
                *("--timeout", "900", "app.wsgi:create_app_or_exit()"),
            ],
            cwd=PROJECT_ROOT,
            env=environment,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base)
            cookie, token = walk_the_journey(base)
            send(port, method, path, cookie, token, WARM_UP)
            with open(f"/proc/{server.pid}/task/{server.pid}/children") as children:
                (worker,) = children.read().split()
            # Dump the counts so far (start-up, warm-up) and start again from zero.
            dump(worker)
            each = requests // CLIENTS
            with ThreadPoolExecutor(CLIENTS) as clients:
                for sent in [
                    clients.submit(send, port, method, path, cookie, token, each)
                    for _ in range(CLIENTS)
                ]:
                    sent.result()
            dump(worker)
        finally:
            server.terminate()
            server.wait(timeout=120)
        counted = (Path(folder) / f"counted.{worker}.2").read_text()
        return int(re.search(r"^totals: (\d+)", counted, re.MULTILINE).group(1)) / (each * CLIENTS)


def wait_for(base: str) -> None:
    deadline = time.monotonic() + 600
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=60):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def dump(worker: str) -> None:
    subprocess.run(["callgrind_control", "--dump", worker], check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="requests counted per run")
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)")
        return 2
    runs = [(page, metrics) for page in PAGES for metrics in (False, True)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        counted = dict(
            zip(
                runs,
                pool.map(
                    lambda run: instructions_per_request(run[1], *PAGES[run[0]], options.requests),
                    runs,
                ),
                strict=True,
            )
        )
    print(
        f"Instructions per request of one gunicorn worker as shipped (callgrind, "
        f"{options.requests} requests from {CLIENTS} clients at once)"
    )
    print(f"{'page':15} {'metrics off':>12} {'metrics on':>12} {'cost':>7}")
    for page in PAGES:
        off, on = counted[(page, False)], counted[(page, True)]
        print(f"{page:15} {off:12,.0f} {on:12,.0f} {on / off - 1:7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
