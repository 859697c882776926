"""What a request costs the app now, beside what it cost at another revision, in one run.

For a change that must not make the service slower (a restructuring, an upgrade), this
checks out REVISION into a temporary git worktree, starts one worker process in each tree
(this one and REVISION), each building its own app, and has them take turns: every round,
each tree serves the same requests (the start page, a question page, an answer POST and the
guidance page, as bench/in_process.py sends them) through its WSGI entry, so that whatever
else the machine is doing falls on both alike. It prints medians and bests, and the ratio.

On a busy machine times say little: `--instructions` counts instead the machine
instructions a request costs each tree (valgrind's callgrind, which counts the same
whatever else runs), as the difference between a run of 120 and a run of 20 requests, so
that start-up cancels out.

Run: .venv/bin/python bench/compare_revisions.py REVISION [--rounds 15] [--requests 200]
     .venv/bin/python bench/compare_revisions.py REVISION --instructions
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).resolve().parent / "revision_worker.py"
PAGES = ["start page", "question page", "answer POST", "guidance page"]


class Worker:
    """A process serving measurements for the app of one tree."""

    def __init__(self, tree: Path):
        self.tree = tree
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER), str(tree)],
            cwd=tree,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.ask({"ready": True}) == "ready"

    def ask(self, message: dict):
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the worker in {self.tree} stopped")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def instructions_per_request(tree: Path, page: str) -> float:
    """Machine instructions one request of `page` costs the app of `tree` (callgrind)."""
    counts = []
    for requests in (20, 120):
        result = subprocess.run(
            [
                *("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"),
                *(sys.executable, str(WORKER), str(tree), page, str(requests)),
            ],
            cwd=tree,
            capture_output=True,
            text=True,
            check=True,
        )
        counts.append(int(re.search(r"Collected : (\d+)", result.stderr).group(1)))
    return (counts[1] - counts[0]) / 100


def compare_instructions(trees: dict[str, Path]) -> None:
    print("Instructions per request (callgrind; 120 requests less 20, over 100)")
    (now, now_tree), (then, then_tree) = trees.items()
    print(f"{'page':15}{now:>14}{then:>14}{'ratio':>8}")
    for page in PAGES:
        a = instructions_per_request(now_tree, page)
        b = instructions_per_request(then_tree, page)
        print(f"{page:15}{a:14,.0f}{b:14,.0f}{a / b:8.3f}")


def worktree_of(revision: str, folder: Path) -> Path:
    tree = folder / "tree"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(tree), revision],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    # The compiled catalogues are not committed; the same .po files give the same .mo.
    for compiled in (PROJECT_ROOT / "app" / "translations").glob("*/LC_MESSAGES/messages.mo"):
        target = tree / compiled.relative_to(PROJECT_ROOT)
        if target.parent.exists():
            shutil.copy(compiled, target)
    return tree


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("revision")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--requests", type=int, default=200, help="per page and round")
    parser.add_argument("--instructions", action="store_true", help="count, with valgrind")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tree = worktree_of(options.revision, Path(folder))
        try:
            if options.instructions:
                compare_instructions({"now": PROJECT_ROOT, options.revision[:12]: tree})
                return 0
            workers = {"now": Worker(PROJECT_ROOT), options.revision[:12]: Worker(tree)}
            costs = {name: {page: [] for page in PAGES} for name in workers}
            for _ in range(options.rounds):
                for page in PAGES:
                    for name, worker in workers.items():
                        message = {"page": page, "requests": options.requests}
                        costs[name][page].append(worker.ask(message))
            for worker in workers.values():
                worker.close()
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(tree)],
                cwd=PROJECT_ROOT,
                check=False,
                capture_output=True,
            )
    now, then = workers
    print(
        f"Microseconds per request, {options.rounds} rounds of {options.requests}, "
        "the two trees in turn"
    )
    print(f"{'page':15}{now + ' med':>12}{'best':>8}{then + ' med':>20}{'best':>8}{'ratio':>8}")
    for page in PAGES:
        a, b = costs[now][page], costs[then][page]
        ratio = statistics.median(a) / statistics.median(b)
        print(
            f"{page:15}{statistics.median(a):12.0f}{min(a):8.0f}"
            f"{statistics.median(b):20.0f}{min(b):8.0f}{ratio:8.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
