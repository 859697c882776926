"""Every address a response leads a browser to, and the check that none leaves the site."""

from __future__ import annotations

from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from app.checklist import Checklist
from tests.support.browser_resolution import leads_elsewhere, resolve


def assert_addresses_stay_on_site(
    here: str, location: str | None, html: str, allowed_hosts: frozenset[str]
) -> None:
    """No redirect, link, form, script, refresh or address for a script leads to another site,
    as a browser on `here` (the request's URL) would resolve it (browser_resolution.py here),
    apart from `allowed_hosts`: the way out and the contacts' own websites."""
    for address, allowed_schemes in addresses_in(location, html):
        assert not leads_elsewhere(
            here, address, allowed_hosts=allowed_hosts, allowed_schemes=allowed_schemes
        ), f"{address!r} on {here!r} resolves to {resolve(here, address)!r}"


LINK_SCHEMES = frozenset({"tel", "mailto"})
INLINE_SCHEMES = frozenset({"data"})  # QR codes and the empty icon, drawn in the page


def addresses_in(location: str | None, html: str):
    """(address, schemes without a host it may use) for everything a browser would follow."""
    if location is not None:
        yield location, frozenset()
    if not html:
        return
    page = BeautifulSoup(html, "html.parser")
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            if name in ("href", "action", "formaction") or name.endswith("-url"):
                inline = tag.name == "link" and tag.get("rel") == ["icon"]
                yield value, INLINE_SCHEMES if inline else LINK_SCHEMES
            elif name == "src":
                yield value, INLINE_SCHEMES
    for refresh in page.select("meta[http-equiv=refresh]"):
        yield refresh["content"].partition("url=")[2], frozenset()


def hosts_linked_to(checklist: Checklist, exit_url: str) -> frozenset[str]:
    """The way out, and the contacts' websites the guidance links to."""
    webs = [urlsplit(contact.web).hostname for contact in checklist.contacts if contact.web]
    return frozenset([urlsplit(exit_url).hostname, *webs])
