"""Ways out: the views that must open whatever state a visit is in.

Leaving the site must never be refused or delayed: not by a stale form token, not by a
kiosk's idle rule, not by anything a request carries. A view marks itself with @way_out;
every check that could stand in the way asks is_way_out() and steps aside.
"""

from __future__ import annotations

from .view_marks import ViewMark

# @way_out marks a view as a way out (below its route decorator).
way_out = ViewMark("is_way_out")


def is_way_out() -> bool:
    """Whether this request is for a way out."""
    return way_out.on_this_request()
