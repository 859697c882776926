"""axe-core finds nothing on the main kinds of page in every translated language of the UK
check, in Chromium at 360 px (English: every state, in test_accessibility.py).

Parametrised over the checklist's own `languages`; pages are reached by the same walk as the
layout tests (tests/support/language_walk.py: by answer ids, never by English labels), and
each kind below is checked once."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from app.checklist import load_checklist
from tests.support.browser import AXE_TAGS, open_page
from tests.support.language_walk import walk
from tests.support.project import REAL_CHECKLIST

UK = load_checklist(REAL_CHECKLIST)
TRANSLATED = [code for code in UK.languages if code != "en"]
# One of each kind of page: a question and its error stand for the other questions.
CHECKED = [
    "start",
    "before-you-start",
    "question-appearance",
    "question-appearance-error",
    "check-your-answers",
    "guidance-someone_else",
    "guidance-myself",
    "staying-safe-online",
    "accessibility",
    "not-found",
]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_axe_violations_in_each_language(browser, request, base_url, axe, language):
    page = open_page(browser, request, locale=language, viewport={"width": 360, "height": 740})
    checked = []
    for state in walk(page, base_url, language):
        if state not in CHECKED:
            continue
        assert page.locator("html").get_attribute("lang") == language, state
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert results.violations_count == 0, f"{state}: {page.url}\n{results.generate_report()}"
        checked.append(state)
        if checked == CHECKED:
            break  # the walk goes on to leave the site, which is not a page to check
    assert checked == CHECKED
