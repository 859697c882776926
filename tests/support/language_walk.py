"""Every kind of page, in any language, reached through the pages' own controls.

tests/support/journeys.py finds controls by their English words; this walk finds them by
their values and places (the audience button's value, a radio's answer id, the page's one
form), so the same walk serves every language, right to left included. Used by the layout
tests in every language and by `make screenshots`.
"""

from __future__ import annotations

from collections.abc import Iterator

from tests.support.journeys import SIGNS, click_and_wait

QUESTIONS = [*SIGNS, "age"]
# The answer given to each question on the way to the guidance: signs seen, a child.
ANSWER = {**dict.fromkeys(SIGNS, "yes"), "age": "under_18"}
STATEMENTS = ["staying-safe-online", "accessibility", "privacy", "cookies"]


def _go_on(page):
    """The page's own form's button: Continue, Begin, See what to do next."""
    click_and_wait(page, page.locator("main form button[type=submit]").first)


def walk(page, base: str, language: str, *, kiosk: bool = False) -> Iterator[str]:
    """Bring `page` to each kind of page in `language` in turn; yields the state's name
    while the page shows it."""
    if kiosk:
        page.goto(f"{base}/welcome?lang={language}")
        yield "welcome"
    page.goto(f"{base}/?lang={language}")
    yield "start"
    for audience in ["someone_else", "myself"]:
        page.goto(f"{base}/")
        click_and_wait(page, page.locator(f"button[name=audience][value={audience}]"))
        if page.url.endswith("/before-you-start"):
            yield "before-you-start"
            _go_on(page)
        for question in QUESTIONS:
            assert page.url.endswith(f"/questions/{question}"), page.url
            if audience == "someone_else":
                yield f"question-{question}"
                _go_on(page)  # nothing chosen: the error
                yield f"question-{question}-error"
            page.locator(f"input[name=answer][value={ANSWER[question]}]").check()
            _go_on(page)
        if audience == "someone_else":
            yield "check-your-answers"
        _go_on(page)
        yield f"guidance-{audience}"
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
