"""Two serving models side by side: gunicorn as shipped against the same with other
arguments (by default the sync workers the service used before gthread).

Both run at once on their own ports with the same secret, so one session cookie and
token serve both. Each page is loaded with wrk on one, then the other, --rounds times
(the order alternating), and the table gives the medians and the ratio shipped/other.

Run: .venv/bin/python bench/serving_models.py [--other "--worker-class sync --threads 1"]
[--rounds 5] [--duration 5] [--connections 32]. Needs wrk.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from statistics import median

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from load import PAGES, wrk  # noqa: E402
from soak import walk_the_journey  # noqa: E402

from harness.deployed import gunicorn  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--other", default="--worker-class sync --threads 1")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    options = parser.parse_args()
    other_args = shlex.split(options.other)
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        shipped = stack.enter_context(gunicorn("--log-level", "warning"))
        other = stack.enter_context(gunicorn(*other_args, "--log-level", "warning"))
        cookie, token = walk_the_journey(shipped)
        print(
            f"wrk {options.connections} connections, {options.rounds} rounds of "
            f"{options.duration} s, alternating; other = {options.other}"
        )
        print(
            f"{'page':15} {'shipped req/s':>14} {'p50':>6} {'p99':>6} | "
            f"{'other req/s':>12} {'p50':>6} {'p99':>6} | {'ratio':>5}"
        )
        for name, method, path in PAGES:
            runs = {"shipped": [], "other": []}
            bases = {"shipped": shipped, "other": other}
            for who in bases:  # warm-up
                wrk(bases[who] + path, method, cookie, token, options, Path(folder), duration=1)
            for round_ in range(options.rounds):
                order = ["shipped", "other"] if round_ % 2 == 0 else ["other", "shipped"]
                for who in order:
                    runs[who].append(
                        wrk(bases[who] + path, method, cookie, token, options, Path(folder))
                    )
            ours, theirs = (
                {key: median(run[key] for run in runs[who]) for key in runs[who][0]}
                for who in ("shipped", "other")
            )
            ratio = median(
                a["rps"] / b["rps"] for a, b in zip(runs["shipped"], runs["other"], strict=True)
            )
            print(
                f"{name:15} {ours['rps']:14.0f} {ours['p50']:6.1f} {ours['p99']:6.1f} | "
                f"{theirs['rps']:12.0f} {theirs['p50']:6.1f} {theirs['p99']:6.1f} | {ratio:5.2f}"
            )
            for who, result in (("shipped", ours), ("other", theirs)):
                if result["bad"]:
                    print(f"  {who}: {result['bad']:.0f} responses were not 2xx/3xx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
