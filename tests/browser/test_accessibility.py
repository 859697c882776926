"""Every page, in every state a person can reach, passes axe-core's WCAG 2.2 AA rules."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.journeys import PAGE_STATES, reach

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("state", PAGE_STATES, ids=list(PAGE_STATES))
def test_no_axe_violations(page, base_url, axe, state):
    reach(page, base_url, state)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
