"""Requests made ready for an app's WSGI entry, for the benchmarks that call it directly
(bench/in_process.py, and bench/revision_worker.py, which runs against older revisions:
so this uses only Werkzeug and the pages' own forms, nothing of this tree's app)."""

from __future__ import annotations

import re

from werkzeug.test import EnvironBuilder

TOKEN_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def finished_journey(app, answers: dict[str, str]) -> tuple[str, str]:
    """A session cookie with every question answered as `answers` says (in the order
    given), walked through the app's own forms, and a form token for it."""
    client = app.test_client()

    def post(path: str, fields: dict) -> None:
        token = TOKEN_FIELD.search(client.get(path).get_data(as_text=True)).group(1)
        client.post(path, data={**fields, "csrf_token": token})

    post("/", {"audience": "someone_else"})
    for question, answer in answers.items():
        post(f"/questions/{question}", {"answer": answer})
    page = client.get("/questions/work").get_data(as_text=True)
    return client.get_cookie("session").value, TOKEN_FIELD.search(page).group(1)


def environs(method: str, path: str, cookie: str, token: str, count: int) -> list[dict]:
    """`count` requests for one page with that session; a POST alternates its answer, so
    that every one rewrites the session."""
    built = []
    for n in range(count):
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
