"""Reading pages and walking the journey as a person would: through its forms."""

from __future__ import annotations

from urllib.parse import urlencode

from bs4 import BeautifulSoup

from tests.support.walker import ClientVisitor, walk

SIGN_IDS = ["appearance", "behaviour", "work", "housing", "control"]
ALL_NO = {sign: "no" for sign in SIGN_IDS}


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def submit(client, url: str, data: dict | None = None, *, button: dict | None = None):
    """Open `url`, fill in its form with `data` and send it, as a browser would."""
    page = parse(client.get(url))
    form = page.select_one("form[method=post]")
    assert form is not None, f"no form on {url}"
    fields = {"csrf_token": form.select_one("input[name=csrf_token]")["value"]}
    fields.update(data or {})
    fields.update(button or {})
    return client.post(form["action"], data=fields)


def onward(page: BeautifulSoup) -> str:
    """Where the page's onward button ("Continue", "See what to do next") leads: a button
    in a GET form, whose fields become the query, as a browser sends them."""
    form = page.select_one("main form:not([method=post])")
    assert form is not None and form.select_one("button[type=submit]") is not None
    fields = [(field["name"], field.get("value", "")) for field in form.select("input[name]")]
    return form["action"] + (f"?{urlencode(fields)}" if fields else "")


def begin(client, audience: str = "someone_else"):
    return submit(client, "/", button={"audience": audience})


def answer(client, question_id: str, answer_id: str, *, change: bool = False):
    url = f"/questions/{question_id}" + ("?change=1" if change else "")
    return submit(client, url, {"answer": answer_id})


def complete_check(client, answers: dict, audience: str = "someone_else", age: str = "adult"):
    """Walk the whole check (tests/support/walker.py), answering the UK check's signs as in
    `answers` ("no" where not given) and its age question with `age`; return the guidance
    page's response."""
    checklist = client.application.extensions["checklist"]
    given = {sign: answers.get(sign, "no") for sign in SIGN_IDS}
    given["age"] = answers.get("age", age)
    visitor = ClientVisitor(client)
    for _ in walk(visitor, checklist, audience, given):
        pass
    response = visitor.page.raw
    assert response.status_code == 200
    return response


def loaded_files(client, response) -> dict[str, str]:
    """The stylesheet and script a page loads, by kind ("css", "js"), as text."""
    page = parse(response)
    found = {}
    for kind, address in [
        ("css", page.select_one("link[rel=stylesheet]")["href"]),
        ("js", page.select_one("script[src]")["src"]),
    ]:
        with client.get(address) as fetched:
            assert fetched.status_code == 200, address
            found[kind] = fetched.get_data(as_text=True)
    return found


def asset_addresses(client) -> list[str]:
    """The addresses of the start page's stylesheet and script."""
    page = parse(client.get("/"))
    return [page.select_one("link[rel=stylesheet]")["href"], page.select_one("script")["src"]]


def page_of_every_kind(client):
    """(name, response) for each kind of page a person can reach."""
    yield "start", client.get("/")
    yield "start with an error", submit(client, "/", button={"audience": "nobody"})
    yield "staying safe online", client.get("/staying-safe-online")
    yield "accessibility statement", client.get("/accessibility")
    yield "privacy notice", client.get("/privacy")
    yield "cookies", client.get("/cookies")
    begin(client)
    yield "before you start", client.get("/before-you-start")
    yield "question", client.get("/questions/appearance")
    yield "question with an error", submit(client, "/questions/appearance", {})
    answer(client, "appearance", "yes")
    yield "question answered", client.get("/questions/appearance")
    complete_check(client, {"work": "yes"})
    yield "check your answers", client.get("/check-your-answers")
    yield "guidance", client.get("/what-to-do-next")
    yield "form expired", client.post("/questions/age", data={"answer": "adult"})
    yield "not found", client.get("/no-such-page")
    yield "method not allowed", client.delete("/")
