"""What a page says and how it is drawn: the checklist's texts in the person's language,
the templates' functions, pictures and QR codes, and the pages prebuilt at start-up."""

from __future__ import annotations

from flask import Flask

from ..checklist import Checklist
from .languages import (
    babel,
    check_interface_translations,
    register_language_converter,
    select_language,
    switch_language_if_asked,
)
from .prebuilt import prebuild_pages
from .templating import register_template_functions

__all__ = ["init_app", "prebuild_pages"]


def init_app(app: Flask, checklist: Checklist) -> None:
    """Languages (`?lang=` is acted on before every view; `<language:...>` in a route is
    one of the checklist's) and the templates' functions. Call after app.web's init_app
    (the templates ask for the assets it registers) and before the blueprints."""
    check_interface_translations(checklist)
    register_language_converter(app, checklist)
    babel.init_app(app, locale_selector=select_language)
    app.before_request(switch_language_if_asked)
    register_template_functions(app, checklist)
