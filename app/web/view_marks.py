"""Marks a view carries, for the checks that run around every view to ask about: a way out
(ways_out.py), a first step (first_steps.py), a page search engines may list (indexing.py).

A mark is set on the view function below its route decorator, so the route registers the
marked function, and read from the view Flask matched for this request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import current_app, request

View = TypeVar("View", bound=Callable)


class ViewMark:
    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def __call__(self, view: View) -> View:
        """Mark `view` (put it below the route decorator)."""
        setattr(view, self.attribute, True)
        return view

    def on(self, view: Callable | None) -> bool:
        return getattr(view, self.attribute, False)

    def on_this_request(self) -> bool:
        """Whether the view this request matched carries the mark (no view: it does not)."""
        if request.endpoint is None:
            return False
        return self.on(current_app.view_functions.get(request.endpoint))
