"""What a request costs the app itself, without a server or a network in the way.

Calls each app's WSGI entry directly, many times, for the start page, a question page, an
answer POST (alternating answers, so the session is rewritten every time, as in load.py)
and the guidance page: the app as configured, the app with PREBUILT_PAGES off, the app
counting its figures (app/metrics/) as under gunicorn with METRICS_PORT (in memory, and
published once a second to a metrics directory made for the run),
and the bare Flask app of bench/bare_app.py. Rounds of each run in turn and the best round
counts, since on a shared machine the best is the run least disturbed by neighbours. The
last column is what the figures cost: the app with metrics against the app without.

Run: .venv/bin/python bench/in_process.py [--rounds 25] [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))
# As deploy/gunicorn.conf.py does with METRICS_PORT, before the app is made: the counts
# are published to files in memory (/dev/shm) once a second, as in production. (The other
# apps are told METRICS=False.)
METRICS_DIRECTORY = tempfile.TemporaryDirectory(
    prefix="bench-metrics-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
)
os.environ["CHECK_METRICS_DIRECTORY"] = METRICS_DIRECTORY.name

from bare_app import app as bare_app  # noqa: E402
from soak import ANSWERS, QUESTIONS  # noqa: E402
from wsgi_requests import environs, finished_journey  # noqa: E402

from app import create_app  # noqa: E402

SECRET = "in-process-bench-" + "s" * 40
PAGES = [
    ("start page", "GET", "/"),
    ("question page", "GET", "/questions/work"),
    ("answer POST", "POST", "/questions/work"),
    ("guidance page", "GET", "/what-to-do-next"),
]
# As bench/soak.py answers.
JOURNEY_ANSWERS = {question: ANSWERS.get(question, "no") for question in QUESTIONS}


def microseconds_each(wsgi_app, environs: list[dict]) -> float:
    def start_response(status, headers, exc_info=None):
        pass

    started = time.perf_counter()
    for environ in environs:
        b"".join(wsgi_app(environ, start_response))
    return (time.perf_counter() - started) / len(environs) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--requests", type=int, default=200, help="per round")
    options = parser.parse_args()

    apps = {
        "app": create_app({"SECRET_KEY": SECRET, "METRICS": False}),
        "app, not prebuilt": create_app(
            {"SECRET_KEY": SECRET, "PREBUILT_PAGES": False, "METRICS": False}
        ),
        "app, metrics on": create_app({"SECRET_KEY": SECRET, "METRICS": True}),
        "bare Flask": bare_app,
    }
    cookie, token = finished_journey(apps["app"], JOURNEY_ANSWERS)
    print(
        f"Microseconds per request, best of {options.rounds} rounds of {options.requests} "
        "(the apps in turn)"
    )
    print(f"{'page':15}" + "".join(f"{name:>20}" for name in apps) + f"{'metrics cost':>14}")
    for page, method, path in PAGES:
        best = dict.fromkeys(apps, float("inf"))
        for _ in range(options.rounds):
            for name, app in apps.items():
                # The bare app answers GET /<size>; any size will do for its floor.
                target = (method, path) if app is not bare_app else ("GET", "/2800")
                prepared = environs(*target, cookie, token, options.requests)
                best[name] = min(best[name], microseconds_each(app.wsgi_app, prepared))
        cost = best["app, metrics on"] / best["app"] - 1
        print(f"{page:15}" + "".join(f"{best[name]:20.0f}" for name in apps) + f"{cost:14.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
