"""Every kind of page, in any language, reached through the pages' own controls.

The one journey walker (tests/support/walker.py) chooses by ids (the audience button's
value, a radio's answer id), so the same walk serves every language, right to left
included. Used by the layout tests in every language and by `make screenshots`.
"""

from __future__ import annotations

from collections.abc import Iterator

from tests.support.project import UK
from tests.support.walker import BrowserVisitor
from tests.support.walker import walk as walk_the_check

# The answer given to each question on the way to the guidance: signs seen, a child.
ANSWER = {**{sign.id: "yes" for sign in UK.signs}, "age": "under_18"}
STATEMENTS = ["staying-safe-online", "accessibility", "privacy", "cookies"]


def walk(page, base: str, language: str, *, kiosk: bool = False) -> Iterator[str]:
    """Bring `page` to each kind of page in `language` in turn; yields the state's name
    while the page shows it."""
    if kiosk:
        page.goto(f"{base}/welcome?lang={language}")
        yield "welcome"
    page.goto(f"{base}/?lang={language}")
    visitor = BrowserVisitor(page, base)
    for audience in UK.audience_ids:
        # Every question's error page once, on the first audience's way.
        first_time = audience == UK.audience_ids[0]
        errors = [question.id for question in UK.questions] if first_time else []
        for state in walk_the_check(visitor, UK, audience, ANSWER, errors=errors):
            if state == "guidance":
                yield f"guidance-{audience}"
            elif first_time or state == "before you start":
                # Named for file names and test ids: "question-work-error".
                yield state.replace(" ", "-")

    for statement in STATEMENTS:
        page.goto(f"{base}/{statement}")
        yield statement
    page.goto(f"{base}/no-such-page")
    yield "not-found"
    # Leaving: the page blanked under its overlay. /exit answers 204 No Content here, so
    # that the blanked page stays to be looked at.
    page.goto(f"{base}/")
    page.route(f"{base}/exit", lambda route: route.fulfill(status=204))
    with page.expect_request(f"{base}/exit"):
        page.keyboard.press("Escape")
    yield "leaving"
    page.unroute(f"{base}/exit")
