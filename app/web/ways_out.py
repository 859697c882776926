"""Ways out: the views that must open whatever state a visit is in.

Leaving the site must never be refused or delayed: not by a stale form token, not by a
kiosk's idle rule, not by anything a request carries. A view marks itself with @way_out;
every check that could stand in the way asks is_way_out() and steps aside.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import current_app, request

View = TypeVar("View", bound=Callable)


def way_out(view: View) -> View:
    """Mark `view` as a way out (put it below the route decorator, so the route gets it)."""
    view.is_way_out = True
    return view


def is_way_out() -> bool:
    """Whether this request is for a way out."""
    if request.endpoint is None:
        return False
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, "is_way_out", False)
