"""Every page, in every state a person can reach, passes axe-core's WCAG 2.2 AA rules (in
English; the main kinds of page in every other language: test_every_language.py)."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.browser import AXE_TAGS
from tests.support.page_states import PAGE_STATES, reach


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("state", PAGE_STATES, ids=list(PAGE_STATES))
def test_no_axe_violations(page, base_url, axe, state):
    reach(page, base_url, state)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture(scope="module")
def romanian_base_url(destination):
    from tests.support.servers import PROJECT_ROOT, live_app

    romania = PROJECT_ROOT / "checklists" / "romania.yaml"
    with live_app(CHECKLIST_PATH=romania, EXIT_URL=destination) as address:
        yield address


@pytest.mark.parametrize("audience", ["someone_else", "myself"])
def test_no_axe_violations_with_the_romanian_checklist(
    browser, request, romanian_base_url, axe, audience
):
    """The Romanian checklist served instead of the UK one: its start page and its guidance,
    reached through the forms by answer ids, in the checklist's default language."""
    from tests.support.browser import open_page
    from tests.support.page_states import click_and_wait

    page = open_page(browser, request, viewport={"width": 360, "height": 740})
    page.set_extra_http_headers({"Accept-Language": "ro-RO,ro;q=0.9"})

    def check():
        assert page.locator("html").get_attribute("lang") == "ro"
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    page.goto(f"{romanian_base_url}/")
    check()
    assert page.locator(".warning-callout a").get_attribute("href") == "tel:112"
    click_and_wait(page, page.locator(f"button[value={audience}]"))
    click_and_wait(page, page.locator("main form:not([method=post]) button"))
    for answer in ["yes", "no", "yes", "not_sure", "yes", "under_18"]:
        page.locator(f"input[value={answer}]").check()
        click_and_wait(page, page.locator("main button[type=submit]"))
    click_and_wait(page, page.locator("main form:not([method=post]) button"))
    assert urlsplit(page.url).path == "/what-to-do-next"  # a GET form's "?" may follow
    check()
    phones = page.locator("main a[href^='tel:']")
    # Under 18: the child-protection line 119 as well, first for a child worried about themself.
    expected = {
        "someone_else": ["tel:112", "tel:0800800678", "tel:119"],
        "myself": ["tel:112", "tel:119", "tel:0800800678"],
    }[audience]
    assert [phones.nth(i).get_attribute("href") for i in range(phones.count())] == expected
