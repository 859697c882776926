"""Bringing a browser page to each state a person can see, for tests and screenshots.

Every state is reached the way a person would reach it, through the pages' own controls,
by the one journey walker (tests/support/walker.py), choosing by answer ids.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.support.project import UK
from tests.support.walker import BrowserVisitor, click_and_wait, walk_to

SIGNS = [sign.id for sign in UK.signs]
ALL_NO = ["no"] * len(SIGNS)
SOME_YES = ["yes", "no", "yes", "not_sure", "no"]


def answers(signs: list[str], age: str) -> dict[str, str]:
    """Answer ids for the UK check: `signs` in the order asked, then the age question."""
    return {**dict(zip(SIGNS, signs, strict=True)), "age": age}


def start(page, base, audience="someone_else"):
    visitor = BrowserVisitor(page, base)
    visitor.open("/")
    visitor.press("audience", audience)


def answer_signs(page, signs: list[str]):
    """Answer the signs from the page shown (the first question), in order."""
    for answer_id in signs:
        BrowserVisitor(page, "").choose("answer", answer_id)


def continue_to_next_page(page):
    BrowserVisitor(page, "").go_on()


def finish(page, base, signs: list[str], age: str, audience="someone_else"):
    """Every question answered: "Check your answers" is shown."""
    walk_to(BrowserVisitor(page, base), UK, audience, answers(signs, age), "check your answers")


def to_guidance(page, base, signs: list[str], age: str, audience="someone_else"):
    walk_to(BrowserVisitor(page, base), UK, audience, answers(signs, age), "guidance")


def hold_exits(page, base) -> list:
    """Hold every request for /exit, so a test can look at what happens meanwhile."""
    held = []
    page.route(f"{base}/exit", lambda route: held.append(route))
    return held


def let_the_exit_go(page, held_exits: list) -> None:
    """Let the held exit go on; its request may be caught a moment after the test's event."""
    for _ in range(100):
        if held_exits:
            break
        page.wait_for_timeout(50)
    held_exits[0].continue_()


def _question(number: int, *, answered=False, error=False):
    def reach(page, base):
        question = UK.questions[number - 1]
        visitor = BrowserVisitor(page, base)
        walk_to(visitor, UK, "someone_else", answers(ALL_NO, "adult"), f"question {question.id}")
        if answered:  # answered earlier, and come back to: the answer is shown
            visitor.choose("answer", "unknown" if question.id == "age" else "not_sure")
            # The page's own Back link: with JavaScript the visit is one history entry.
            click_and_wait(page, page.get_by_role("link", name="Back", exact=True))
        if error:
            visitor.go_on()

    return reach


def _post_without_token(page, base):
    visitor = BrowserVisitor(page, base)
    walk_to(visitor, UK, "someone_else", answers(ALL_NO, "adult"), f"question {SIGNS[0]}")
    page.evaluate("document.querySelector('input[name=csrf_token]').value = 'stale'")
    visitor.choose("answer", "yes")


# name → how to get there. Names are used for test ids and screenshot file names.
PAGE_STATES: dict[str, Callable] = {
    "start": lambda page, base: page.goto(f"{base}/"),
    "before-you-start": lambda page, base: start(page, base),
    "staying-safe-online": lambda page, base: page.goto(f"{base}/staying-safe-online"),
    "accessibility": lambda page, base: page.goto(f"{base}/accessibility"),
    "privacy": lambda page, base: page.goto(f"{base}/privacy"),
    "cookies": lambda page, base: page.goto(f"{base}/cookies"),
    **{f"question-{n}": _question(n) for n in range(1, 7)},
    **{f"question-{n}-error": _question(n, error=True) for n in range(1, 7)},
    **{f"question-{n}-answered": _question(n, answered=True) for n in range(1, 7)},
    "check-your-answers": lambda page, base: finish(page, base, SOME_YES, "adult"),
    "guidance-signs-seen": lambda page, base: to_guidance(page, base, SOME_YES, "adult"),
    "guidance-no-signs": lambda page, base: to_guidance(page, base, ALL_NO, "adult"),
    "guidance-child": lambda page, base: to_guidance(page, base, SOME_YES, "under_18"),
    "guidance-myself": lambda page, base: to_guidance(page, base, SOME_YES, "adult", "myself"),
    "guidance-myself-child": lambda page, base: to_guidance(
        page, base, SOME_YES, "under_18", "myself"
    ),
    "not-found": lambda page, base: page.goto(f"{base}/no-such-page"),
    "form-expired": _post_without_token,
}


def reach(page, base, state: str):
    """Bring the page to `state` and wait until it has loaded, scripts included."""
    PAGE_STATES[state](page, base)
    page.wait_for_load_state()
