"""Hostile addresses in Chromium (issue 13, part 3): the pages they open never lead off the
site, and the resolver the fuzzing relies on agrees with Chromium's own URL parser."""

from __future__ import annotations

from itertools import product
from urllib.parse import unquote, urlsplit

import pytest

from tests.support.browser_resolution import BASE, CASES, host_of, resolve
from tests.support.page_states import click_and_wait

# Pieces of hostile addresses; every sequence of three, then a host, is compared.
PIECES = ["/", "\\", "\t", "\n", " ", "%2f", "http:", "https:", "@", "?", ".", "check.test"]

CHROMIUM_HOSTS = """([base, references]) => references.map(reference => {
    try { return new URL(reference, base).hostname; } catch (error) { return null; }
})"""


def test_the_resolver_agrees_with_chromium(page):
    references = [reference for reference, _ in CASES]
    references += ["".join(parts) + "evil.example/x" for parts in product(PIECES, repeat=3)]
    chromium = page.evaluate(CHROMIUM_HOSTS, [BASE, references])
    disagreements = []
    for reference, theirs in zip(references, chromium, strict=True):
        if theirs is None:
            continue  # not an address at all: a browser goes nowhere
        ours = host_of(resolve(BASE, reference)) or ""
        # Chromium keeps some characters a host may not have (" " as "%20"): the same host.
        if ours != unquote(theirs).rstrip("."):
            disagreements.append((reference, ours, theirs))
    assert disagreements == [], "\n".join(map(repr, disagreements))


@pytest.mark.parametrize(
    "address",
    [
        "/%09/evil.example/phish?lang=en",
        "/%0a/evil.example?lang=en",
        "/%0d/evil.example?lang=en",
        "/%5c/evil.example?lang=en",
        "/%2f/evil.example?lang=en",
        "/%09/evil.example",
        "/questions/%09/evil.example",
    ],
)
def test_a_hostile_address_and_its_language_links_stay_on_the_site(page, base_url, address):
    page.goto(base_url + address)
    here = urlsplit(base_url).netloc
    assert urlsplit(page.url).netloc == here
    assert page.locator("a.exit-link").count() == 1
    # Every link on the page, as Chromium resolved it.
    hosts = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.host)")
    assert set(hosts) == {here}
    click_and_wait(page, page.get_by_role("link", name="Română"))
    assert urlsplit(page.url).netloc == here
    assert page.locator("html").get_attribute("lang") == "ro"
