"""robots.txt and sitemap.xml, made from the pages marked as ones search engines may list
(app/web/indexing.py) and the checklist's languages, so that they can never disagree with
the pages' own X-Robots-Tag.

- robots.txt lets crawlers fetch only those pages (and the stylesheets and scripts they need
  to draw them) and disallows everything else, so a new page of the journey is never
  crawled unless it is marked. It is the same when indexing is off (FLASK_SEARCH_INDEXING=0,
  or a kiosk): then every page says noindex, and a search engine that still holds an old
  listing must be allowed to fetch the page to read that.
- sitemap.xml lists those pages by their public addresses, the start pages with each
  language's version (hreflang). Search engines accept only absolute addresses, built from
  FLASK_PUBLIC_URL alone, so without that setting (or with indexing off) there is no
  sitemap (404) and robots.txt names none.
"""

from __future__ import annotations

from xml.etree import ElementTree

from flask import Blueprint, Response, abort, current_app, url_for

from ..pages.content import current_checklist
from ..pages.search_engines import absolute_address, public_url
from ..web.assets import PREFIX as ASSETS
from ..web.indexing import indexable_paths, indexing_allowed
from .journey import start_page_versions

bp = Blueprint("search_engines", __name__)

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"


@bp.get("/robots.txt")
def robots_txt():
    lines = ["User-agent: *"]
    # "$" ends a pattern (RFC 9309): /ro/ itself, not everything under it.
    lines += [f"Allow: {path}$" for path in _indexable_paths()]
    lines.append(f"Allow: {ASSETS}")
    sitemap = url_for(".sitemap_xml")
    if _sitemap_offered():
        # A search engine fetches the sitemap only where robots.txt allows it.
        lines.append(f"Allow: {sitemap}$")
    lines.append("Disallow: /")
    if _sitemap_offered():
        lines += ["", f"Sitemap: {absolute_address(sitemap)}"]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


@bp.get("/sitemap.xml")
def sitemap_xml():
    if not _sitemap_offered():
        abort(404)
    ElementTree.register_namespace("", SITEMAP_NAMESPACE)
    ElementTree.register_namespace("xhtml", XHTML_NAMESPACE)
    urlset = ElementTree.Element(f"{{{SITEMAP_NAMESPACE}}}urlset")
    versions = start_page_versions()
    in_every_language = {address for _, address in versions}
    for path in _indexable_paths():
        address = absolute_address(path)
        url = ElementTree.SubElement(urlset, f"{{{SITEMAP_NAMESPACE}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP_NAMESPACE}}}loc").text = address
        if address in in_every_language:
            for code, version in versions:
                ElementTree.SubElement(
                    url,
                    f"{{{XHTML_NAMESPACE}}}link",
                    {"rel": "alternate", "hreflang": code, "href": version},
                )
    body = ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/xml")


def _indexable_paths() -> list[str]:
    return list(indexable_paths(current_app, current_checklist().languages))


def _sitemap_offered() -> bool:
    return public_url() is not None and indexing_allowed(current_app)
