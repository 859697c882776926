"""The helper that resolves addresses as a browser does (tests/browser_resolution.py), on the
attacks it exists to catch. tests/browser/test_hostile_addresses.py checks the same cases
against Chromium's own URL parser."""

import pytest

from tests.browser_resolution import host_of, leads_elsewhere, resolve

BASE = "http://check.test/questions/work?change=1"

# (reference, the host a browser reaches; None: an address without a host)
CASES = [
    # What the app writes: its own pages.
    ("/questions/age", "check.test"),
    ("/questions/age?lang=ro", "check.test"),
    ("age", "check.test"),
    ("?lang=ro", "check.test"),
    ("#main-content", "check.test"),
    ("/%09/evil.example/phish", "check.test"),
    ("/%5C/evil.example", "check.test"),
    ("/%2F/evil.example", "check.test"),
    ("/evil.example", "check.test"),
    ("http:evil.example", "check.test"),  # same scheme, no slashes: a relative path
    ("http:/evil.example", "check.test"),
    ("http:https:evil.example", "check.test"),  # the path "https:evil.example"
    ("/questions/x?next=//evil.example", "check.test"),
    ("/questions/x?next=\\\\evil.example", "check.test"),  # "\" is a slash only before "?"
    # The attacks from issue 13 and their relatives.
    ("//evil.example/phish", "evil.example"),
    ("/\t/evil.example?lang=ro", "evil.example"),
    ("/\n/evil.example", "evil.example"),
    ("/\r/evil.example", "evil.example"),
    ("/\r\n/evil.example", "evil.example"),
    ("\t//evil.example", "evil.example"),
    ("  //evil.example  ", "evil.example"),
    ("\x00//evil.example", "evil.example"),
    ("/\\evil.example", "evil.example"),
    ("\\\\evil.example", "evil.example"),
    ("\\/evil.example", "evil.example"),
    ("///evil.example", "evil.example"),
    ("/\\/\\evil.example", "evil.example"),
    ("https:evil.example", "evil.example"),  # another scheme always starts a host
    ("https:/evil.example", "evil.example"),
    ("https:\\\\evil.example", "evil.example"),
    ("HTTP://EVIL.example", "evil.example"),
    ("http://check.test@evil.example/", "evil.example"),
    ("//check.test\\@evil.example/", "check.test"),  # "\" ends the host: the path is "/@..."
    ("//%65vil.example", "evil.example"),
    ("//evil.example./", "evil.example"),
    ("https://check.test/", "check.test"),
    # No host at all.
    ("javascript:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("data:,", None),
    ("tel:08000121700", None),
    ("mailto:help@example.org", None),
]


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
