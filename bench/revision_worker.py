"""One tree's side of bench/compare_revisions.py: builds that tree's app, walks a journey
through its own forms, then answers each request on stdin ({"page": ..., "requests": n})
with the microseconds a request cost its WSGI entry, on stdout. With `PAGE REQUESTS` after
the tree, it serves that many requests of that page once and exits (for counting
instructions under valgrind).

Self-contained on purpose: it must run against an older revision of the app, so it uses
nothing of that tree but `app.create_app` and the pages' own forms (bench/wsgi_requests.py).
"""

from __future__ import annotations

import json
import sys
import time

sys.path.insert(0, sys.argv[1])

from wsgi_requests import environs, finished_journey

from app import create_app

SECRET = "compare-revisions-" + "s" * 40
# Every sign "no", an adult.
ANSWERS = {
    **dict.fromkeys(["appearance", "behaviour", "work", "housing", "control"], "no"),
    "age": "adult",
}
ROUTES = {
    "start page": ("GET", "/"),
    "question page": ("GET", "/questions/work"),
    "answer POST": ("POST", "/questions/work"),
    "guidance page": ("GET", "/what-to-do-next"),
}


def start_response(status, headers, exc_info=None):
    pass


def serve(app, page: str, cookie: str, token: str, count: int) -> float:
    """Microseconds a request of `page` cost, over `count` requests."""
    method, path = ROUTES[page]
    prepared = environs(method, path, cookie, token, count)
    started = time.perf_counter()
    for environ in prepared:
        b"".join(app.wsgi_app(environ, start_response))
    return (time.perf_counter() - started) / len(prepared) * 1e6


def main() -> None:
    app = create_app({"SECRET_KEY": SECRET})
    cookie, token = finished_journey(app, ANSWERS)
    if len(sys.argv) == 4:
        serve(app, sys.argv[2], cookie, token, int(sys.argv[3]))
        return
    for line in sys.stdin:
        message = json.loads(line)
        if message.get("ready"):
            print(json.dumps("ready"), flush=True)
            continue
        cost = serve(app, message["page"], cookie, token, message["requests"])
        print(json.dumps(cost), flush=True)


if __name__ == "__main__":
    main()
