"""Where a browser would go: an address from a page or a Location header, resolved against
the page's own URL the way browsers do it (the WHATWG URL Standard), for the parts that
decide which host it reaches.

Python's urljoin is not enough on its own: browsers also

- strip leading and trailing control characters and spaces, and remove every tab and line
  break anywhere ("/\\t/evil.example" is "//evil.example");
- read a backslash as a slash in an http(s) address before its query ("/\\evil.example");
- skip any number of slashes before a host ("///evil.example", "https:/evil.example");
- take "https:evil.example" on an http page as the host evil.example (another scheme
  always starts an authority), but "http:x" on an http page as the relative path "x".
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

# Schemes whose addresses have a host and read "\" as "/" (WHATWG "special" schemes).
SPECIAL_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp", "file"})
_C0_CONTROL_OR_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def resolve(base: str, reference: str) -> str:
    """The absolute address a browser on `base` (an http or https URL) goes to for
    `reference`."""
    reference = _TAB_OR_NEWLINE.sub("", reference.strip(_C0_CONTROL_OR_SPACE))
    base_scheme = urlsplit(base).scheme
    scheme = _SCHEME.match(reference)
    if scheme is not None:
        name = scheme.group(1).lower()
        rest = reference[scheme.end() :]
        if name not in SPECIAL_SCHEMES:
            return f"{name}:{rest}"  # javascript:, data:, tel:, mailto: have no host
        rest = _slashes(rest)
        if name != base_scheme or rest.startswith("//"):
            return f"{name}://{rest.lstrip('/')}"
        # The page's own scheme, no "//": relative to the page, even if what follows looks
        # like another scheme ("http:https:x" is the path "https:x").
        reference = rest if rest[:1] in ("", "/", "?", "#") else "./" + rest
    else:
        reference = _slashes(reference)
        if reference.startswith("//"):
            return f"{base_scheme}://{reference.lstrip('/')}"
    return urljoin(base, reference)


def host_of(address: str) -> str | None:
    """The host a resolved address reaches (lower case, percent-decoded); None if it has
    none (javascript:, data:, tel:)."""
    try:
        host = urlsplit(address).hostname
    except ValueError:  # a malformed host: say so rather than guess
        return "<malformed>"
    return unquote(host).rstrip(".") if host else None


def leads_elsewhere(
    base: str,
    reference: str,
    *,
    allowed_hosts: frozenset[str] = frozenset(),
    allowed_schemes: frozenset[str] = frozenset(),
) -> bool:
    """Whether a browser on `base` following `reference` would leave the site: reach another
    host, or an address without one (javascript:, data:) whose scheme is not allowed."""
    resolved = resolve(base, reference)
    scheme = urlsplit(resolved).scheme.lower()
    if scheme not in SPECIAL_SCHEMES:
        return scheme not in allowed_schemes
    host = host_of(resolved)
    return host != host_of(base) and host not in allowed_hosts


def _slashes(address: str) -> str:
    """Backslashes as slashes before the query or fragment, as in an http(s) address."""
    end = min((i for i in (address.find("?"), address.find("#")) if i != -1), default=None)
    if end is None:
        return address.replace("\\", "/")
    return address[:end].replace("\\", "/") + address[end:]


# Examples of what a browser on BASE reaches, shared with the browser test that checks them
# against Chromium itself (tests/web/test_hostile_addresses_in_chromium.py).
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
