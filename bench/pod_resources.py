"""What one pod of the check uses: memory and CPU of gunicorn as shipped, idle and under load.

Starts gunicorn exactly as it is deployed (harness.deployed.gunicorn: deploy/gunicorn.conf.py,
the entry point, WEB_CONCURRENCY workers, worker recycling on), walks one journey, then runs
wrk over the journey's pages (the soak's mix: the start page, every question, check your
answers, the guidance and an answer POST) at each number of connections in turn. Meanwhile
it samples, every 0.2 s, the memory of the master and of every worker:

- RSS, what each process has in memory, counting the pages it shares;
- PSS, the same with each shared page divided among the processes sharing it. The workers
  share most of the app the master loaded (preload_app), so the sum of PSS is close to what
  the pod's memory cgroup charges, which counts each page once; the sum of RSS counts the
  shared pages once per process and overstates it.

It reads the CPU time the master and its workers (those recycled during the run included)
used over each run. wrk runs on the same machine and takes its own share of the cores.

Prints, for idle and for each load: requests per second, p99 latency, the CPU cores
gunicorn used, CPU milliseconds per request, the largest sum of PSS and of RSS, and the
largest worker's RSS. How the Kubernetes manifests' requests and limits follow from these
figures is in docs/operators.md (Deploying to Kubernetes).

Run: .venv/bin/python bench/pod_resources.py [--duration 20] [--connections 8 32 128]
Needs wrk (Debian: apt-get install wrk).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from soak import run_wrk, walk_the_journey, wrk_script  # noqa: E402

from harness.deployed import gunicorn, port_of  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_SECONDS = 0.2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds per load (default 20)")
    parser.add_argument(
        "--connections", type=int, nargs="+", default=[8, 32, 128], help="default 8 32 128"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")

    workers = os.environ.get("WEB_CONCURRENCY", "2")
    print(f"gunicorn as shipped, WEB_CONCURRENCY={workers}, {os.cpu_count()} cores")
    print(
        f"{'load':<16} {'req/s':>7} {'p99 ms':>7} {'cores':>6} {'CPU ms/req':>10} "
        f"{'PSS sum MiB':>11} {'RSS sum MiB':>11} {'worker RSS MiB':>14}"
    )
    with gunicorn("--log-level", "warning") as base:
        master = master_pid(port_of(base))
        cookie, token = walk_the_journey(base)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(wrk_script(cookie, token))
        try:
            # Every page served once by every worker, so "idle" is a worker that has
            # rendered what it will render, as it is between two busy spells.
            run_wrk(base, script.name, connections=4, threads=1, duration=3)
            with Sampler(master) as idle:
                time.sleep(3)
            print_row("idle", None, idle, seconds=3)
            for connections in options.connections:
                with Sampler(master) as sampled:
                    result = run_wrk(
                        base,
                        script.name,
                        connections=connections,
                        threads=options.threads,
                        duration=options.duration,
                    )
                print_row(f"{connections} connections", result, sampled, options.duration)
        finally:
            os.unlink(script.name)
    return 0


def master_pid(port: int) -> int:
    """The gunicorn master this process started on `port`."""
    for stat in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = stat.read_bytes().split(b"\0")
            parent = parent_of(int(stat.parent.name))
        except (OSError, ValueError):
            continue
        if parent == os.getpid() and f"127.0.0.1:{port}".encode() in command:
            return int(stat.parent.name)
    raise RuntimeError(f"no gunicorn master on port {port}")


def parent_of(pid: int) -> int:
    return int(stat_fields(pid)[1])


def stat_fields(pid: int) -> list[str]:
    # /proc/PID/stat: "pid (name) state ppid ..."; the name may hold spaces.
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def workers_of(master: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if parent_of(int(stat.parent.name)) == master:
                children.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue  # the process ended while we looked
    return children


def cpu_seconds(master: int) -> float:
    """CPU time of the master, its live workers and the workers it has reaped."""
    fields = stat_fields(master)
    # utime, stime, then cutime, cstime (reaped children): fields 14 to 17 of stat.
    total = sum(int(value) for value in fields[11:15])
    for worker in workers_of(master):
        # A worker reaped between the two looks: its time is in the master's cutime now.
        with contextlib.suppress(OSError):
            total += sum(int(value) for value in stat_fields(worker)[11:13])
    return total / CLOCK_TICKS


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process, in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name] = int(rest.split()[0])
    return values["Rss"], values["Pss"]


class Sampler:
    """Samples the master's and workers' memory in the background; CPU over the span."""

    def __init__(self, master: int):
        self.master = master
        self.peak_pss = self.peak_rss = self.peak_worker_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._cpu_before = cpu_seconds(self.master)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.cpu = cpu_seconds(self.master) - self._cpu_before

    def _run(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(SAMPLE_SECONDS)

    def sample(self):
        rss_sum = pss_sum = 0
        for pid in [self.master, *workers_of(self.master)]:
            try:
                rss, pss = memory_kb(pid)
            except (OSError, KeyError):
                continue
            rss_sum, pss_sum = rss_sum + rss, pss_sum + pss
            if pid != self.master:
                self.peak_worker_rss = max(self.peak_worker_rss, rss)
        self.peak_rss = max(self.peak_rss, rss_sum)
        self.peak_pss = max(self.peak_pss, pss_sum)


def print_row(label: str, result: dict | None, sampled: Sampler, seconds: float) -> None:
    requests = result["requests"] if result else 0
    per_second = requests / seconds
    cpu_per_request = f"{sampled.cpu / requests * 1000:10.2f}" if requests else f"{'-':>10}"
    p99 = f"{result['p99_ms']:7.1f}" if result else f"{'-':>7}"
    errors = ", ".join(
        f"{int(result[kind])} {kind}"
        for kind in ("connect", "read", "write", "timeout", "status")
        if result and result[kind]
    )
    print(
        f"{label:<16} {per_second:7.0f} {p99} {sampled.cpu / seconds:6.2f} {cpu_per_request} "
        f"{sampled.peak_pss / 1024:11.1f} {sampled.peak_rss / 1024:11.1f} "
        f"{sampled.peak_worker_rss / 1024:14.1f}" + (f"  errors: {errors}" if errors else "")
    )


if __name__ == "__main__":
    sys.exit(main())
