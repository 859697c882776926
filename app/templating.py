"""Everything templates can call, registered in one place: register_template_functions(),
called once from create_app. A name a template uses is found here, with where it comes from.
"""

from __future__ import annotations

from flask import Flask

from . import content, stale_safety_texts
from .addresses import this_page
from .assets import Assets
from .bidi import isolate_numbers
from .checklist import Checklist
from .kiosk import session_has_traces
from .languages import current_direction, install_fast_gettext, language_links
from .qr_codes import qr_image
from .settings import KIOSK_WARNING_SECONDS


def register_template_functions(app: Flask, checklist: Checklist, assets: Assets) -> None:
    """Template globals and filters. Call after Flask-Babel's init_app, whose gettext
    functions install_fast_gettext replaces. csrf_token() is Flask-WTF's own."""
    env = app.jinja_env
    install_fast_gettext(app)
    env.globals.update(
        language_links=language_links,
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
        kiosk_mode=app.config["KIOSK_MODE"],
    )
    env.filters.update(
        tel_href=content.tel_href, web_label=content.web_label, isolate_numbers=isolate_numbers
    )
    if app.config["KIOSK_MODE"]:
        env.globals.update(
            kiosk_idle_seconds=app.config["KIOSK_IDLE_SECONDS"],
            kiosk_warning_seconds=KIOSK_WARNING_SECONDS,
            session_has_traces=session_has_traces,
            qr_code=qr_image,
            this_page=this_page,
        )
