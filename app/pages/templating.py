"""Everything templates can call, registered in one place: register_template_functions(),
called once from pages.init_app. A name a template uses is found here, with where it comes
from; a plug-in (the kiosk) adds its own names in its init_app.
"""

from __future__ import annotations

from flask import Flask

from ..checklist import Checklist
from . import content, stale_safety_texts
from .bidi import isolate_numbers
from .languages import current_direction, install_fast_gettext, language_links, link_to
from .prebuilt import token_for_forms
from .search_engines import canonical_address

# The macros for a person's own device (templates/screen.html says how a set is chosen).
SCREEN_MACROS = "screen.html"


def register_template_functions(app: Flask, checklist: Checklist) -> None:
    """Template globals and filters. Call after Flask-Babel's init_app, whose gettext
    functions install_fast_gettext replaces, and after the assets are registered."""
    env = app.jinja_env
    assets = app.extensions["assets"]
    install_fast_gettext(app)
    env.globals.update(
        language_links=language_links,
        link_to=link_to,
        canonical_address=canonical_address,
        localise=content.localise,
        worded_for=content.worded_for,
        paragraphs=content.paragraphs,
        current_language=content.current_language,
        current_direction=current_direction,
        checklist=checklist,
        # The start page says how long answers last: as long as the session is accepted.
        answers_kept_minutes=lambda: int(app.permanent_session_lifetime.total_seconds() // 60),
        picture_for=content.picture_for,
        lang_marks=stale_safety_texts.lang_marks,
        in_source_language=stale_safety_texts.in_source_language,
        stylesheet_url=lambda kind: assets.url(f"{kind}.css"),
        script_url=lambda: assets.url("page.js"),
        form_token=token_for_forms,
    )
    # The macros that differ between a person's own device and a shared screen, as one
    # module every template calls (`screen.phone(...)`): the set a plug-in chose (the
    # kiosk's), else the public one. Made once here, so no page pays for importing it.
    macros = env.globals.setdefault("screen_macros", SCREEN_MACROS)
    env.filters.update(
        tel_href=content.tel_href, web_label=content.web_label, isolate_numbers=isolate_numbers
    )
    env.globals["screen"] = env.get_template(macros).module
