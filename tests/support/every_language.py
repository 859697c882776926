"""Every state of every page, in one language: reached through the pages' own forms by ids
(never by English labels), each rendered once, for the per-language tests to share."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask
from werkzeug.exceptions import InternalServerError

from app.checklist import Checklist
from app.checklist.rules import guidance_for
from app.journey import put_journey
from tests.support.pages import submit
from tests.support.walker import ClientVisitor, answers_by, walk


@dataclass
class Visit:
    """What one language's visit saw: each page state by name, and for each audience the
    addresses the journey's answers led to and the sections of its guidance."""

    language: str
    pages: dict[str, object] = field(default_factory=dict)
    journeys: dict[str, list[str]] = field(default_factory=dict)
    guidance_sections: dict[str, list[str]] = field(default_factory=dict)


def _some_signs_seen(question, options):
    return options[0] if question.kind == "sign" else options[-1]  # "yes"; age "unknown"


def _no_signs(question, options):
    # The adult answer of a context question: the second ("18 or over") in the UK file.
    return options[1]


def _child(question, options):
    return options[0]  # "yes" to every sign, and "under 18"


# Further guidance pages (besides the one each journey reaches), set in the session as the
# journey would leave them: the combinations that show different sections.
GUIDANCE_VARIANTS = {
    "no signs": ("someone_else", _no_signs),
    "child": ("someone_else", _child),
    "myself, child": ("myself", _child),
    "myself, no signs": ("myself", _no_signs),
}


def visit(app: Flask, kiosk_app: Flask, failing_app: Flask, language: str) -> Visit:
    checklist: Checklist = app.extensions["checklist"]
    seen = Visit(language)
    pages = seen.pages
    client = app.test_client()
    # The browser asks for the language too, so pages after leaving (which forgets the
    # choice) are in it as well.
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    client.get(f"/?lang={language}")

    pages["start"] = client.get("/")
    # As a search engine or a poster's QR code finds it: no cookie, the address says all.
    pages["start at its language's address"] = app.test_client().get(f"/{language}/")
    pages["start with an error"] = submit(client, "/", button={"audience": "nobody"})
    for name, path in [
        ("staying safe online", "/staying-safe-online"),
        ("accessibility statement", "/accessibility"),
        ("privacy notice", "/privacy"),
        ("cookies", "/cookies"),
    ]:
        pages[name] = client.get(path)

    first = checklist.questions[0]
    for audience in checklist.audience_ids:
        answers = answers_by(checklist, _some_signs_seen)
        visitor = ClientVisitor(client)
        for state in walk(visitor, checklist, audience, answers, errors=[first.id]):
            if state == "before you start":
                pages["before you start"] = visitor.page.raw
            elif state == f"question {first.id} error":
                pages[f"{audience}: question with an error"] = visitor.page.raw
            elif state.startswith("question "):
                pages[f"{audience}: {state}"] = visitor.page.raw
        # Where each answer (the audience's, then each question's) led.
        seen.journeys[audience] = [
            answer.location or str(answer.status)
            for answer in visitor.answers
            if answer.method == "POST" and answer.status != 200  # 200: an error shown
        ]
        pages[f"{audience}: question answered"] = client.get(f"/questions/{first.id}")
        pages[f"{audience}: check your answers"] = client.get("/check-your-answers")
        pages[f"{audience}: guidance"] = guidance = visitor.page.raw
        seen.guidance_sections[audience] = _sections(guidance)
        seen.guidance_sections[f"{audience} expected"] = [
            block.rule.id for block in guidance_for(checklist, audience, answers)
        ]

    for name, (audience, pick) in GUIDANCE_VARIANTS.items():
        with client.session_transaction() as session:
            put_journey(
                session,
                language=language,
                audience_id=audience,
                answers_given=answers_by(checklist, pick),
            )
        pages[f"guidance, {name}"] = client.get("/what-to-do-next")

    last = checklist.questions[-1]
    pages["form expired"] = client.post(f"/questions/{last.id}", data={"answer": "x"})
    pages["not found"] = client.get("/no-such-page")
    pages["method not allowed"] = client.delete("/")
    pages["too large"] = client.post("/", data={"audience": "x" * 10_000})
    # What nginx passes on when a browser's headers were too large (app/web/oversized_headers.py).
    pages["headers too large"] = client.get("/request-headers-too-large")

    failing = failing_app.test_client()
    failing.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    pages["server error"] = failing.get("/fails")

    kiosk = kiosk_app.test_client()
    kiosk.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    kiosk.get(f"/?lang={language}")
    pages["kiosk: start"] = kiosk.get("/")
    with kiosk.session_transaction() as session:
        put_journey(
            session,
            language=language,
            audience_id=checklist.audience_ids[0],
            answers_given=answers_by(checklist, _some_signs_seen),
        )
    pages["kiosk: guidance"] = kiosk.get("/what-to-do-next")
    kiosk.post("/kiosk/finish")
    pages["kiosk: finished and cleared"] = kiosk.get("/")
    submit(kiosk, "/", button={"audience": checklist.audience_ids[0]})
    kiosk.get("/kiosk/reset")
    pages["kiosk: cleared when idle"] = kiosk.get("/")
    kiosk.get("/exit")
    pages["kiosk: welcome, after leaving"] = kiosk.get("/welcome")
    return seen


def failing_app_from(app: Flask) -> Flask:
    """`app` as it answers an unexpected fault: the real 500 page (tests otherwise let the
    exception through)."""

    def fails():
        raise InternalServerError()

    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.add_url_rule("/fails", "fails", fails)
    return app


def _sections(response) -> list[str]:
    from tests.support.pages import parse

    page = parse(response)
    return [h2["id"].removeprefix("guidance-") for h2 in page.select("section.guidance h2")]
