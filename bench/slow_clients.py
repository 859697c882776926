"""Slow clients against the service as `make run` serves it: does a normal page still load?

Starts gunicorn exactly as `make run` does (deploy/gunicorn.conf.py, app.wsgi), times the
start page on a new connection every second with no other load, then holds --headers
connections sending their headers a byte a second and --bodies connections sending a
form's body a byte a second, for --duration seconds, timing the start page every second
all the while. A slow client whose connection the server closes connects again at once.

It prints the probe times (median, p90, max) without and with the slow clients, and how
many slow connections were open at the end. It fails (exit status 1) when any probe took
a second or more while the slow clients were held.

Run: make slow-clients, or .venv/bin/python bench/slow_clients.py [--duration 60]
[--headers 16] [--bodies 16] [--gunicorn-args "--worker-class sync --threads 1"]
(the last to compare another serving model, e.g. the sync workers used before).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from harness.deployed import gunicorn, port_of  # noqa: E402
from harness.slow_clients import probe_for, slow_clients, summary  # noqa: E402

WELL_UNDER_A_SECOND = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds (default 60)")
    parser.add_argument("--headers", type=int, default=16, help="slow-header clients")
    parser.add_argument("--bodies", type=int, default=16, help="slow-body clients")
    parser.add_argument("--gunicorn-args", default="", help="added to make run's command")
    options = parser.parse_args()

    extra = shlex.split(options.gunicorn_args)
    with gunicorn(*extra, "--log-level", "warning") as base:
        print(f"gunicorn as make run starts it{' with ' + ' '.join(extra) if extra else ''}")
        quiet = probe_for(f"{base}/", 5)
        print(f"  no other load             {summary(quiet)}")
        with slow_clients(
            "127.0.0.1", port_of(base), headers=options.headers, bodies=options.bodies
        ) as clients:
            loaded = probe_for(f"{base}/", options.duration)
            still_open = clients.open_now
        print(
            f"  {options.headers} slow-header + {options.bodies} slow-body clients, "
            f"{options.duration} s"
        )
        print(f"                            {summary(loaded)}")
        print(
            f"  slow connections made {clients.connections}, closed by the server "
            f"{clients.dropped}, open at the end {still_open}"
        )
    slowest = max(loaded)
    if slowest >= WELL_UNDER_A_SECOND:
        print(f"FAIL: a probe took {slowest:.1f} s while slow clients were held")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
