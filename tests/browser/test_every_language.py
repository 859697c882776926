"""axe-core finds nothing on the main kinds of page in every translated language of the UK
check, in Chromium at 360 px (English: every state, in test_accessibility.py).

Parametrised over the checklist's own `languages`; pages are reached through their forms
by answer ids, never by English labels, and each is checked once."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from app.checklist import load_checklist
from tests.support.browser import AXE_TAGS, open_page
from tests.support.journeys import click_and_wait
from tests.support.project import REAL_CHECKLIST

UK = load_checklist(REAL_CHECKLIST)
TRANSLATED = [code for code in UK.languages if code != "en"]
SUBMIT = "main button[type=submit]"
ONWARD = "main form:not([method=post]) button"


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_axe_violations_in_each_language(browser, request, base_url, axe, language):
    page = open_page(browser, request, locale=language, viewport={"width": 360, "height": 740})
    checked = []

    def check(kind: str):
        assert page.locator("html").get_attribute("lang") == language, kind
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert results.violations_count == 0, f"{kind}: {page.url}\n{results.generate_report()}"
        checked.append(kind)

    def answer_every_question(answers: dict[str, str]):
        for question in UK.questions:
            if urlsplit(page.url).path == "/before-you-start":
                click_and_wait(page, page.locator(ONWARD))
            page.locator(f"input[value={answers[question.id]}]").check()
            click_and_wait(page, page.locator(SUBMIT))

    page.goto(f"{base_url}/?lang={language}")
    check("start")
    click_and_wait(page, page.locator(f"button[value={UK.audience_ids[0]}]"))
    check("before you start")
    click_and_wait(page, page.locator(ONWARD))
    check("question")
    click_and_wait(page, page.locator(SUBMIT))  # nothing chosen
    check("question with an error")
    signs_seen = {q.id: ("yes" if q.kind == "sign" else "under_18") for q in UK.questions}
    answer_every_question(signs_seen)
    check("check your answers")
    click_and_wait(page, page.locator(ONWARD))
    check("guidance, someone else")

    page.goto(f"{base_url}/")
    click_and_wait(page, page.locator(f"button[value={UK.audience_ids[-1]}]"))
    answer_every_question({**signs_seen, "age": "adult"})
    click_and_wait(page, page.locator(ONWARD))
    check("guidance, myself")

    for kind, path in [
        ("staying safe online", "/staying-safe-online"),
        ("accessibility statement", "/accessibility"),
        ("not found", "/no-such-page"),
    ]:
        page.goto(f"{base_url}{path}")
        check(kind)
    assert len(checked) == 10
