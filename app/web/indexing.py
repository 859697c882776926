"""Which pages search engines may list: only those marked here, and only when allowed.

A person searching for help should find the check; nobody should find a page of someone's
journey. So every response says `X-Robots-Tag: noindex, nofollow` (app/web/headers.py adds
it as the response leaves, to static files, probes and error pages too), except a page whose
view is marked with @may_be_indexed, answered 200 to a GET or HEAD at its own address (no
query: the address in the sitemap), while the SEARCH_INDEXING setting is on. An operator
can turn it off (FLASK_SEARCH_INDEXING=0); a kiosk always does. A view is marked below its
route decorator, like a way out (app/web/ways_out.py):

    @bp.get("/privacy")
    @may_be_indexed
    def privacy(): ...

robots.txt and the sitemap list the marked pages (indexable_paths), so the three can never
disagree about what may be found.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from flask import Flask, Response, current_app, request, url_for

from .view_marks import ViewMark

# Set in the WSGI environ by the app, read by the privacy headers as the response leaves.
MAY_BE_LISTED = "check.may_be_listed"
NOINDEX = "noindex, nofollow"
# The one argument a page that may be indexed can take: the language its address names.
LANGUAGE_ARGUMENT = "language"


# @may_be_indexed marks a view as a page search engines may list (below its route decorator).
may_be_indexed = ViewMark("may_be_indexed")


def indexing_allowed(app: Flask) -> bool:
    """Whether this instance lets search engines list anything (the setting, off on a kiosk)."""
    return bool(app.config["SEARCH_INDEXING"])


def this_page_may_be_listed() -> bool:
    """Whether the page being answered may be listed by search engines, as far as its view
    and the setting say (the status is checked as it leaves)."""
    return indexing_allowed(current_app) and may_be_indexed.on_this_request()


def say_whether_it_may_be_listed(response: Response) -> Response:
    """After each request: tell the privacy headers that this response may be listed."""
    if (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not request.query_string
        and this_page_may_be_listed()
    ):
        request.environ[MAY_BE_LISTED] = True
    return response


def indexable_paths(app: Flask, languages: Iterable[str]) -> Iterator[str]:
    """The path of every page that may be indexed, in the order of the app's routes: a page
    whose address names its language once for each of `languages`. Call inside a request
    (url_for)."""
    for rule in app.url_map.iter_rules():
        view = app.view_functions.get(rule.endpoint)
        if not may_be_indexed.on(view) or "GET" not in (rule.methods or ()):
            continue
        if rule.arguments == {LANGUAGE_ARGUMENT}:
            for code in languages:
                yield url_for(rule.endpoint, **{LANGUAGE_ARGUMENT: code})
        elif not rule.arguments:
            yield url_for(rule.endpoint)
        else:
            raise RuntimeError(
                f"{rule.rule}: a page that may be indexed takes no argument but its language"
            )
