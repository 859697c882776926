"""Form posts sent by static/js/one_entry.js, which keeps a visit in one history entry.

The script sends a form with fetch() and then moves the page itself, with
location.replace(), so that the move replaces the tab's current history entry instead of
adding one. A redirect in answer would be followed by fetch(), which would load the next
page only for the script to load it again: one more round trip on a slow phone. So a post
that says it comes from the script is answered, instead of with a redirect, with 204 No
Content and the address to go to. Cookies and every other header are as for the redirect.
Posts without the header (no JavaScript) are answered exactly as before.
"""

from __future__ import annotations

from flask import Response, request

HEADER = "X-History"
REPLACE = "replace"
NEXT_PAGE = "X-Next-Page"
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def sent_by_the_script() -> bool:
    return request.method == "POST" and request.headers.get(HEADER) == REPLACE


def tell_the_script_where_to_go(response: Response) -> Response:
    if response.status_code not in REDIRECTS or not sent_by_the_script():
        return response
    response.headers[NEXT_PAGE] = response.headers.pop("Location")
    response.status_code = 204
    response.set_data(b"")
    # A 204 has no body, so nothing to describe.
    response.headers.pop("Content-Type", None)
    response.headers.pop("Content-Length", None)
    return response
