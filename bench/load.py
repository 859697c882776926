"""Server cost: the check under gunicorn against the framework's floor, and behind nginx.

In one run on this machine:
  1. start-up: create_app() with the real checklist, in a fresh process;
  2. the app under gunicorn with its production settings (deploy/gunicorn.conf.py), and
     beside it, with the same settings and worker count, two references that answer each
     page with a fixed body of the same size: a bare Flask app (bench/bare_app.py), the
     floor the targets are set against, and one that also opens the signed-cookie session
     and checks or makes a Flask-WTF CSRF token (bench/floor_app.py), the least any page
     of the check can cost;
  3. nginx (deploy/nginx.conf, on 127.0.0.1 only, HTTPS with a certificate made for the
     run) in front of two instances of the app;
  4. the cost of the service's figures (app/metrics/): the question page and the answer
     POST from gunicorn as shipped with METRICS_PORT set (counting, the listener running)
     beside the same without it, in turns, from --pairs fresh pairs of servers (target:
     at least 0.95 of the requests per second without).
Each page and its references are warmed up, then loaded with wrk in turn, --rounds times
each for --duration seconds at --connections connections, one run at a time. The table
gives the medians: requests per second, p50 and p99 latency, and the ratio of requests per
second to each reference's (each round's ratio is taken between runs a few seconds apart,
so a noisy neighbour on this shared machine weighs on all of them).

The answer POST alternates between two answers, so that every request changes the session
and pays for a new signed cookie, as a person's answers do; wrk does not follow its 303.

Run: make bench, or .venv/bin/python bench/load.py [--duration 5] [--rounds 3] [--connections 32]
     [--pairs 3] [--metrics-only [--metrics-control]] (only part 4; with the control, also two
     equal instances without metrics, to show how far two equal servers differ here)
Needs wrk and nginx (Debian: apt-get install wrk nginx-light).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from statistics import median

from soak import free_port, start_gunicorn, wait_until_up, walk_the_journey

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness.deployed import NGINX_CONF, UNVERIFIED_TLS, nginx

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ("start page", "GET", "/"),
    ("question page", "GET", "/questions/work"),
    ("answer POST", "POST", "/questions/work"),
    ("guidance page", "GET", "/what-to-do-next"),
]
TARGETS = {"question page": 0.6, "answer POST": 0.5}  # of the bare app's requests per second
METRICS_PAGES = ["question page", "answer POST"]
# With metrics on, at least this share of the requests per second without them.
METRICS_TARGET = 0.95
OURS, BARE, FLOOR = "app", "bare", "session+CSRF"
P99_TARGET_MS = 25

WRK_SCRIPT = """
wrk.method = "{method}"
wrk.headers["Cookie"] = "session={cookie}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local n = 0
request = function()
  n = n + 1
  if wrk.method == "POST" then
    local answer = (n % 2 == 0) and "yes" or "no"
    return wrk.format(nil, nil, nil, "answer=" .. answer .. "&csrf_token={token}")
  end
  return wrk.format()
end
"""


@contextmanager
def running(process: subprocess.Popen, base: str, ready_path: str = "/healthz"):
    try:
        wait_until_up(base, ready_path)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


def serve_app(port: int, secret: str, metrics_port: int | None = None):
    """The app under gunicorn as shipped; counting its figures when `metrics_port` is given
    (METRICS_PORT), and never otherwise, whatever this process's environment says."""
    base = f"http://127.0.0.1:{port}"
    metrics = {"METRICS_PORT": str(metrics_port) if metrics_port else None}
    return running(start_gunicorn(port, secret=secret, environment=metrics), base)


def serve_reference(port: int, target: str, secret: str | None = None):
    """One of the apps under bench/ that answer /<size> (bare_app:app, floor_app:app)."""
    process = start_gunicorn(port, target=target, folder=PROJECT_ROOT / "bench", secret=secret)
    # The references have no /healthz: any answer will do.
    return running(process, f"http://127.0.0.1:{port}", ready_path="/1")


def serve_nginx(upstreams: list[int], folder: Path):
    """deploy/nginx.conf itself (harness/deployed.py fills in its placeholders), over HTTPS
    with a certificate made for the run. Its limit of requests at once from one address
    is raised: here every connection comes from the one address of wrk."""
    nginx_folder = folder / "nginx"
    nginx_folder.mkdir()
    shipped = re.search(r"limit_conn per_address \d+;", NGINX_CONF.read_text()).group(0)
    return nginx(upstreams, nginx_folder, {shipped: "limit_conn per_address 10000;"})


def body_size(base: str, method: str, path: str, cookie: str, token: str) -> int:
    data = f"answer=yes&csrf_token={token}".encode() if method == "POST" else None
    request = urllib.request.Request(
        base + path, data=data, headers={"Cookie": f"session={cookie}"}
    )
    opener = urllib.request.build_opener(
        NoRedirect, urllib.request.HTTPSHandler(context=UNVERIFIED_TLS)
    )
    try:
        with opener.open(request) as response:
            return len(response.read())
    except urllib.error.HTTPError as redirect:  # the POST's 303
        return len(redirect.read())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wrk(
    url: str, method: str, cookie: str, token: str, options, folder: Path, duration=None
) -> dict:
    script = folder / "wrk.lua"
    script.write_text(WRK_SCRIPT.format(method=method, cookie=cookie, token=token))
    seconds = duration or options.duration
    command = ["wrk", "--latency", "-t2", f"-c{options.connections}", f"-d{seconds}s"]
    output = subprocess.run(
        [*command, "-s", str(script), url], capture_output=True, text=True, check=True
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _milliseconds(re.search(r"\s50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _milliseconds(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1)),
        "bad": int(errors.group(1)) if errors else 0,
    }


def _milliseconds(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def start_up_seconds() -> tuple[float, float]:
    """(create_app alone, imports and create_app) in a fresh process, best of 5."""
    code = (
        "import time; t0 = time.perf_counter(); from app import create_app; "
        "t1 = time.perf_counter(); create_app({'SECRET_KEY': 'x' * 40}); "
        "t2 = time.perf_counter(); print(t2 - t1, t2 - t0)"
    )
    runs = [
        tuple(
            map(
                float,
                subprocess.run(
                    [sys.executable, "-c", code],
                    cwd=PROJECT_ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.split(),
            )
        )
        for _ in range(5)
    ]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def runs_in_turn(urls: dict, method, cookie, token, options, folder, processes=None) -> dict:
    """A short warm-up of each server, then --rounds wrk runs of each in turn, the order
    rotating every round, so that all see the same moments of this shared machine. With
    the servers' `processes`, each run also notes the CPU time gunicorn spent on each
    request ("cpu_us")."""
    for url in urls.values():
        wrk(url, method, cookie, token, options, folder, duration=1)
    runs = {who: [] for who in urls}
    order = list(urls)
    for round_ in range(options.rounds):
        for who in order[round_ % len(order) :] + order[: round_ % len(order)]:
            before = cpu_seconds(processes[who].pid) if processes else 0.0
            run = wrk(urls[who], method, cookie, token, options, folder)
            if processes:
                spent = cpu_seconds(processes[who].pid) - before
                run["cpu_us"] = spent / (run["rps"] * options.duration) * 1e6
            runs[who].append(run)
    return runs


def measure(base: str, references: dict[str, str], cookie, token, options, folder) -> list:
    """Each page against the reference apps, side by side (runs_in_turn). Figures are the
    medians of the rounds, and each ratio is the median of the rounds' ratios."""
    rows = []
    for name, method, path in PAGES:
        size = body_size(base, method, path, cookie, token)
        urls = {OURS: base + path, **{ref: f"{url}/{size}" for ref, url in references.items()}}
        runs = runs_in_turn(urls, method, cookie, token, options, folder)
        ratios = {
            ref: median(o["rps"] / r["rps"] for o, r in zip(runs[OURS], runs[ref], strict=True))
            for ref in references
        }
        rows.append((name, size, {who: _median_of(r) for who, r in runs.items()}, ratios))
    return rows


def measure_metrics(pairs: int, start_pair, options, folder) -> list:
    """The same pages from the app with metrics on and off, side by side, as measure()
    does, from `pairs` fresh pairs of servers in turn (`start_pair()` starts one: bases,
    processes), --rounds rounds each: a server process stays a few percent faster or
    slower than an equal one for its whole life (where its hash seed and its address space
    happen to put things), which more rounds from the same two servers cannot average
    out, and fresh pairs do. Beside the requests per second, the CPU time gunicorn (master
    and workers) spent on each request: less moved by the neighbours' load than the
    requests a second are, though not immune to it."""
    pages = [(name, method, path) for name, method, path in PAGES if name in METRICS_PAGES]
    runs = {name: {"off": [], "on": []} for name, _, _ in pages}
    for _ in range(pairs):
        with start_pair() as (bases, processes):
            cookie, token = walk_the_journey(bases["off"])
            for name, method, path in pages:
                urls = {who: base + path for who, base in bases.items()}
                for who, pair_runs in runs_in_turn(
                    urls, method, cookie, token, options, folder, processes
                ).items():
                    runs[name][who].extend(pair_runs)
    rows = []
    for name, page_runs in runs.items():
        on_off = zip(page_runs["on"], page_runs["off"], strict=True)
        ratios = [on["rps"] / off["rps"] for on, off in on_off]
        # And of each server's best round, the one least disturbed by the neighbours' load
        # (which can only take requests away): a second view, as noisy here as the first
        # (bench/README.md).
        best = max(r["rps"] for r in page_runs["on"]) / max(r["rps"] for r in page_runs["off"])
        # Each pair's own median, to show how far one pair of servers can lead a run.
        by_pair = [
            median(ratios[i : i + options.rounds]) for i in range(0, len(ratios), options.rounds)
        ]
        cpu = {who: median(run["cpu_us"] for run in r) for who, r in page_runs.items()}
        summary = {who: _median_of(r) for who, r in page_runs.items()}
        rows.append((name, summary, (median(ratios), best, by_pair), cpu))
    return rows


def cpu_seconds(master: int) -> float:
    """The CPU time of a gunicorn master and its workers so far, the workers it has
    replaced included (their time is added to the master's when it reaps them)."""
    tick = os.sysconf("SC_CLK_TCK")

    def fields(pid: int) -> list[str]:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()

    own = fields(master)
    total = sum(int(own[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    with open(f"/proc/{master}/task/{master}/children") as children:
        for worker in children.read().split():
            # A worker replaced meanwhile is counted in the master's cutime next time.
            with suppress(FileNotFoundError):
                total += sum(int(fields(int(worker))[i]) for i in (11, 12))
    return total / tick


def print_metrics_table(rows: list, title: str, labels=("off", "on")) -> list[str]:
    print(f"\n{title}")
    print(
        f"{'page':15} {labels[0] + ' req/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'CPU µs':>7} | "
        f"{labels[1] + ' req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'CPU µs':>7} | "
        f"{'req/s':>6} {'best':>5} {'CPU':>6} | each pair"
    )
    misses = []
    for name, results, (ratio, best, by_pair), cpu in rows:
        off, on = results["off"], results["on"]
        print(
            f"{name:15} {off['rps']:10.0f} {off['p50']:7.1f} {off['p99']:7.1f} {cpu['off']:7.0f} | "
            f"{on['rps']:9.0f} {on['p50']:7.1f} {on['p99']:7.1f} {cpu['on']:7.0f} | "
            f"{ratio:6.2f} {best:5.2f} {cpu['on'] / cpu['off']:6.2f} | "
            + " ".join(f"{pair:.2f}" for pair in by_pair)
        )
        if on["bad"] or off["bad"]:
            misses.append(f"metrics, {name}: responses that were not 2xx/3xx")
        if ratio < METRICS_TARGET and labels == ("off", "on"):
            misses.append(
                f"metrics, {name}: on/off {ratio:.2f} (best rounds {best:.2f}), "
                f"target at least {METRICS_TARGET}"
            )
    return misses


def compare_metrics(secret: str, options, folder: Path, *, control: bool = False) -> list[str]:
    """Metrics on beside off, from --pairs fresh pairs of servers; with `control`, two
    instances both off instead, measured the same way: how far two equal servers differ on
    this machine (the noise to read the comparison against)."""

    @contextmanager
    def start_pair():
        with ExitStack() as stack:
            off_port, on_port = free_port(), free_port()
            metrics_port = None if control else free_port()
            processes = {
                "off": stack.enter_context(serve_app(off_port, secret)),
                "on": stack.enter_context(serve_app(on_port, secret, metrics_port)),
            }
            ports = {"off": off_port, "on": on_port}
            yield {who: f"http://127.0.0.1:{port}" for who, port in ports.items()}, processes

    rows = measure_metrics(options.pairs, start_pair, options, folder)
    if control:
        title = "Control: two equal instances, both without metrics (the second / the first)"
        return print_metrics_table(rows, title, labels=("first", "second"))
    title = (
        "The service's figures: metrics on (METRICS_PORT set) and off, gunicorn as "
        f"shipped, {options.pairs} fresh pairs of servers (CPU: gunicorn's, per request; "
        "last columns: on / off, medians, each server's best round, CPU, each pair's median)"
    )
    return print_metrics_table(rows, title)


def _median_of(runs: list[dict]) -> dict:
    return {key: median(run[key] for run in runs) for key in runs[0]}


def print_table(title: str, rows: list) -> list[str]:
    references = list(rows[0][3])
    print(f"\n{title}")
    print(
        f"{'page':15} {'bytes':>6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}"
        + "".join(f" | {ref + ' req/s':>18} {'p99':>5} {'ratio':>5}" for ref in references)
    )
    misses = []
    for name, size, results, ratios in rows:
        ours = results[OURS]
        print(
            f"{name:15} {size:6} {ours['rps']:7.0f} {ours['p50']:7.1f} {ours['p99']:7.1f}"
            + "".join(
                f" | {results[ref]['rps']:18.0f} {results[ref]['p99']:5.1f} {ratios[ref]:5.2f}"
                for ref in references
            )
        )
        if ours["bad"]:
            misses.append(f"{title}, {name}: {ours['bad']} responses were not 2xx/3xx")
        ratio = ratios[BARE]
        if name in TARGETS and ratio < TARGETS[name]:
            misses.append(f"{title}, {name}: ratio {ratio:.2f} below {TARGETS[name]}")
        if name in TARGETS and ours["p99"] >= P99_TARGET_MS:
            misses.append(f"{title}, {name}: p99 {ours['p99']:.1f} ms, target under 25")
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, in turn")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--pairs",
        type=int,
        default=3,
        help="metrics on/off: fresh pairs of servers, each measured for --rounds rounds",
    )
    parser.add_argument(
        "--metrics-only", action="store_true", help="only the metrics on/off comparison"
    )
    parser.add_argument(
        "--metrics-control",
        action="store_true",
        help="with --metrics-only: also two equal instances without metrics, for the noise",
    )
    options = parser.parse_args()
    for tool in ["wrk", "nginx"]:
        if shutil.which(tool) is None:
            print(f"{tool} is not installed (Debian: apt-get install wrk nginx-light)")
            return 2

    if options.metrics_only:
        with tempfile.TemporaryDirectory() as folder:
            secret = secrets.token_hex(32)
            misses = compare_metrics(secret, options, Path(folder))
            if options.metrics_control:
                compare_metrics(secret, options, Path(folder), control=True)
        for miss in misses:
            print(f"MISSED: {miss}")
        return 1 if misses else 0

    create, cold = start_up_seconds()
    print(
        f"Start-up: create_app() {create * 1000:.0f} ms (target under 500 ms); with imports, "
        f"in a fresh process {cold * 1000:.0f} ms (best of 5)"
    )
    print(
        f"wrk: {options.rounds} rounds of {options.duration} s each, the app and its "
        f"references in turn, {options.connections} connections, 2 threads; "
        f"gunicorn as deploy/gunicorn.conf.py ({os.environ.get('WEB_CONCURRENCY', '2')} "
        "workers) for the app and every reference"
    )

    secret = secrets.token_hex(32)
    misses = []
    # The servers stop (ExitStack) before their folder is removed.
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        folder = Path(folder)
        app_port, bare_port, floor_port = free_port(), free_port(), free_port()
        stack.enter_context(serve_app(app_port, secret))
        stack.enter_context(serve_reference(bare_port, "bare_app:app"))
        # The floor app shares the secret, so it accepts the app's cookie and token.
        stack.enter_context(serve_reference(floor_port, "floor_app:app", secret))
        base, bare = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{bare_port}"
        references = {BARE: bare, FLOOR: f"http://127.0.0.1:{floor_port}"}
        cookie, token = walk_the_journey(base)
        misses += print_table(
            "The app under gunicorn", measure(base, references, cookie, token, options, folder)
        )

        second_port = free_port()
        stack.enter_context(serve_app(second_port, secret))
        proxy, _ = stack.enter_context(serve_nginx([app_port, second_port], folder))
        cookie, token = walk_the_journey(proxy)
        rows = measure(proxy, {BARE: bare}, cookie, token, options, folder)
        print_table("Through nginx over HTTPS, two app instances (ratio to one bare app)", rows)
    with tempfile.TemporaryDirectory() as folder:
        misses += compare_metrics(secret, options, Path(folder))
    print()
    for miss in misses:
        print(f"MISSED: {miss}")
    print("All targets met." if not misses else f"{len(misses)} target(s) missed.")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
