"""One tree's side of bench/compare_revisions.py: builds that tree's app, walks a journey
through its own forms, then answers each request on stdin ({"page": ..., "requests": n})
with the microseconds a request cost its WSGI entry, on stdout. With `PAGE REQUESTS` after
the tree, it serves that many requests of that page once and exits (for counting
instructions under valgrind).

Self-contained on purpose: it must run against an older revision of the app, so it uses
nothing of this tree but `app.create_app` and the pages' own forms.
"""

from __future__ import annotations

import json
import re
import sys
import time

sys.path.insert(0, sys.argv[1])

from werkzeug.test import EnvironBuilder

from app import create_app

SECRET = "compare-revisions-" + "s" * 40
TOKEN_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
SIGNS = ["appearance", "behaviour", "work", "housing", "control"]
ROUTES = {
    "start page": ("GET", "/"),
    "question page": ("GET", "/questions/work"),
    "answer POST": ("POST", "/questions/work"),
    "guidance page": ("GET", "/what-to-do-next"),
}


def finished_journey(app) -> tuple[str, str]:
    client = app.test_client()

    def post(path: str, fields: dict) -> None:
        token = TOKEN_FIELD.search(client.get(path).get_data(as_text=True)).group(1)
        client.post(path, data={**fields, "csrf_token": token})

    post("/", {"audience": "someone_else"})
    for question in [*SIGNS, "age"]:
        post(f"/questions/{question}", {"answer": "adult" if question == "age" else "no"})
    page = client.get("/questions/work").get_data(as_text=True)
    return client.get_cookie("session").value, TOKEN_FIELD.search(page).group(1)


def environs(method: str, path: str, cookie: str, token: str, count: int) -> list[dict]:
    built = []
    for n in range(count):
        # Alternating answers, so that every POST rewrites the session.
        data = f"answer={'yes' if n % 2 else 'no'}&csrf_token={token}" if method == "POST" else None
        builder = EnvironBuilder(
            path=path,
            method=method,
            headers={"Cookie": f"session={cookie}"},
            data=data,
            content_type="application/x-www-form-urlencoded" if data else None,
        )
        built.append(builder.get_environ())
    return built


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
    cookie, token = finished_journey(app)
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
