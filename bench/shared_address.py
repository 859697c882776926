"""One address, many requests at once: what nginx's limit per address costs and protects.

Runs the service as deployed (harness/deployed.py: deploy/nginx.conf with TLS in front of
two gunicorn instances as shipped). For each number of form bodies trickled a byte a
second from this machine's one address (--bodies, e.g. 0 16 255 256), it holds them,
then times the start page from the same address (--probes, on a new connection each) and
reads the memory of nginx's processes (the sum of their PSS, from /proc). It prints, for
each: the probes' statuses and times, and nginx's memory.

What it shows: how much of nginx one held request costs (why the limit can be high), from
what number the address's other people are refused (the limit), and that below it they
are served as fast as with nothing held. Then it trickles --headers requests' headers a
byte a second for --header-seconds and counts how often nginx closed them: its deadline
for a request's headers is for all of them, not between two bytes.

Run: .venv/bin/python bench/shared_address.py [--bodies 0 16 255 256] [--probes 10]
[--headers 4] [--header-seconds 25]
Needs nginx and openssl (Debian: apt-get install nginx openssl).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from statistics import median

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from harness.deployed import UNVERIFIED_TLS, deployed_stack, port_of  # noqa: E402
from harness.slow_clients import slow_clients  # noqa: E402


def nginx_pss_mib(folder: Path) -> float:
    """The master's and its workers' proportional set sizes, summed."""
    master = int((folder / "nginx.pid").read_text())
    pids = [master]
    for task in Path(f"/proc/{master}/task").iterdir():
        pids += [int(pid) for pid in (task / "children").read_text().split()]
    total_kib = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total_kib += int(line.split()[1])
    return total_kib / 1024


def probe(url: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30, context=UNVERIFIED_TLS) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bodies", type=int, nargs="+", default=[0, 16, 255, 256])
    parser.add_argument("--probes", type=int, default=10)
    parser.add_argument("--headers", type=int, default=4)
    parser.add_argument("--header-seconds", type=int, default=25)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="shared-address-"))
    with open(folder / "gunicorn.log", "w") as log, deployed_stack(folder, log=log) as (https, _):
        print("deploy/nginx.conf with TLS, two gunicorn instances as shipped; one address")
        print(f"{'bodies held':>11}  {'start page from the same address':<44}  nginx PSS MiB")
        for bodies in options.bodies:
            with slow_clients(
                "127.0.0.1", port_of(https), headers=0, bodies=bodies, tls=UNVERIFIED_TLS
            ) as held:
                time.sleep(1)
                memory = nginx_pss_mib(folder)
                results = [probe(f"{https}/") for _ in range(options.probes)]
                still_held = held.open_now
            statuses = Counter(status for status, _ in results)
            times = [seconds * 1000 for _, seconds in results]
            answered = ", ".join(
                f"{count} x {status}" for status, count in sorted(statuses.items())
            )
            print(
                f"{still_held:>11}  {answered:<18} median {median(times):6.1f} ms "
                f"max {max(times):6.1f} ms  {memory:13.1f}"
            )
        with slow_clients(
            "127.0.0.1", port_of(https), headers=options.headers, bodies=0, tls=UNVERIFIED_TLS
        ) as trickling:
            time.sleep(options.header_seconds)
        print(
            f"{options.headers} clients trickling their headers a byte a second for "
            f"{options.header_seconds} s: {trickling.connections} connections, "
            f"{trickling.dropped} closed by nginx"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
