"""Bringing a browser page to each state a person can see, for tests and screenshots.

Every state is reached the way a person would reach it, through the pages' own controls.
"""

from __future__ import annotations

from collections.abc import Callable

SIGNS = ["appearance", "behaviour", "work", "housing", "control"]


def click_and_wait(page, control):
    """Click a control that loads a page, and wait for that page. Consecutive question
    pages have the same controls, so acting before the new page arrives would act on the
    old one.

    The old page's content is marked first, and the wait is for content without the mark:
    a new page, or, with JavaScript, an error shown in place of the form (no navigation).
    Then for the page to load, so that its scripts are in place before the next step."""
    page.evaluate("document.getElementById('main-content').setAttribute('data-left-behind', '')")
    control.click()
    page.wait_for_selector("#main-content:not([data-left-behind])", state="attached")
    page.wait_for_load_state()


def start(page, base, audience="I'm worried about someone else"):
    page.goto(f"{base}/")
    click_and_wait(page, page.get_by_role("button", name=audience))


def answer_signs(page, answers: list[str]):
    for label in answers:
        page.get_by_label(label, exact=True).check()
        continue_to_next_page(page)


def continue_to_next_page(page):
    click_and_wait(page, page.get_by_role("button", name="Continue"))


def finish(page, base, signs: list[str], age: str, audience="I'm worried about someone else"):
    start(page, base, audience)
    if page.url.endswith("/before-you-start"):
        continue_to_next_page(page)
    answer_signs(page, signs)
    page.get_by_label(age, exact=True).check()
    continue_to_next_page(page)


def to_guidance(page, base, signs, age, audience="I'm worried about someone else"):
    finish(page, base, signs, age, audience)
    click_and_wait(page, page.get_by_role("button", name="See what to do next"))


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
        start(page, base)
        page.goto(f"{base}/questions/{SIGNS[0]}")
        answer_signs(page, ["No"] * (number - 1))
        if answered:  # answered earlier, and come back to: the answer is shown
            page.get_by_label("I don't know" if number == 6 else "Not sure", exact=True).check()
            continue_to_next_page(page)
            # The page's own Back link: with JavaScript the visit is one history entry.
            click_and_wait(page, page.get_by_role("link", name="Back", exact=True))
        if error:
            continue_to_next_page(page)

    return reach


def _post_without_token(page, base):
    start(page, base)
    page.goto(f"{base}/questions/{SIGNS[0]}")
    page.evaluate("document.querySelector('input[name=csrf_token]').value = 'stale'")
    page.get_by_label("Yes", exact=True).check()
    continue_to_next_page(page)


ALL_NO = ["No"] * 5
SOME_YES = ["Yes", "No", "Yes", "Not sure", "No"]

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
    "check-your-answers": lambda page, base: finish(page, base, SOME_YES, "18 or over"),
    "guidance-signs-seen": lambda page, base: to_guidance(page, base, SOME_YES, "18 or over"),
    "guidance-no-signs": lambda page, base: to_guidance(page, base, ALL_NO, "18 or over"),
    "guidance-child": lambda page, base: to_guidance(page, base, SOME_YES, "Under 18"),
    "guidance-myself": lambda page, base: to_guidance(
        page, base, SOME_YES, "18 or over", "I'm worried about myself"
    ),
    "guidance-myself-child": lambda page, base: to_guidance(
        page, base, SOME_YES, "Under 18", "I'm worried about myself"
    ),
    "not-found": lambda page, base: page.goto(f"{base}/no-such-page"),
    "form-expired": _post_without_token,
}


def reach(page, base, state: str):
    """Bring the page to `state` and wait until it has loaded, scripts included."""
    PAGE_STATES[state](page, base)
    page.wait_for_load_state()
