"""The helper that resolves addresses as a browser does (tests/support/browser_resolution.py),
on the attacks it exists to catch. tests/web/test_hostile_addresses_in_chromium.py checks the
same cases against Chromium's own URL parser."""

import pytest

from tests.support.browser_resolution import BASE, CASES, host_of, leads_elsewhere, resolve


@pytest.mark.parametrize(("reference", "host"), CASES)
def test_resolves_to_the_host_a_browser_reaches(reference, host):
    assert host_of(resolve(BASE, reference)) == host


def test_resolves_paths_as_a_browser_does():
    assert resolve(BASE, "/\t/evil.example/phish") == "http://evil.example/phish"
    assert resolve(BASE, "age?lang=ro") == "http://check.test/questions/age?lang=ro"
    assert resolve(BASE, "?lang=ro") == "http://check.test/questions/work?lang=ro"
    assert resolve(BASE, "java\nscript:alert(1)") == "javascript:alert(1)"


def test_leading_elsewhere_allows_only_what_is_allowed():
    assert not leads_elsewhere(BASE, "/questions/age")
    assert leads_elsewhere(BASE, "/\t/evil.example")
    assert leads_elsewhere(BASE, "https://exit.test/")
    assert not leads_elsewhere(BASE, "https://exit.test/", allowed_hosts=frozenset({"exit.test"}))
    assert leads_elsewhere(BASE, "javascript:alert(1)", allowed_schemes=frozenset({"tel"}))
    assert not leads_elsewhere(BASE, "tel:999", allowed_schemes=frozenset({"tel"}))
