"""The warning-signs check: a Flask app that walks a person through the signs of modern
slavery and ends with guidance on where and how to report concerns."""

from __future__ import annotations

from datetime import date

from flask import Flask

from . import journey, kiosk, metrics, pages, web
from .checklist import load_checklist
from .checklist.upkeep import before_going_live
from .settings import DEFAULTS, PROJECT_ROOT, check_settings
from .views import register_blueprints


def create_app(test_config: dict | None = None) -> Flask:
    # Static files are served minified, from memory, by app/web/assets.py.
    app = web.CheckFlask(__name__, static_folder=None, template_folder=PROJECT_ROOT / "templates")
    # Block tags ({% if %} and the like) leave no blank lines or indentation in the pages.
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(kiosk.DEFAULTS)
    # Werkzeug answers "//a//b" with a redirect to an absolute URL built from the Host
    # header; the check's addresses never contain "//", so refuse them (404) instead.
    app.url_map.merge_slashes = False
    if test_config is None:
        app.config.from_prefixed_env()
    else:
        app.config.from_mapping(test_config)

    # Every setting checked in one place, before anything reads one.
    for warning in check_settings(app.config, development=app.debug or app.testing):
        app.logger.warning(warning)

    # Loaded and validated once: a broken checklist stops start-up with every fault named.
    checklist = load_checklist(app.config["CHECKLIST_PATH"])
    app.extensions["checklist"] = checklist
    for note in before_going_live(checklist, date.today()):
        app.logger.warning("Before going live: %s", note)

    # The figures first, so that their request counting sits right around Flask, inside
    # every middleware the other parts add (app/metrics/).
    on_a_kiosk = kiosk.switched_on(app.config)
    metrics.init_app(app, checklist, kiosk=on_a_kiosk)
    # The parts, in this order. Flask runs before_request functions in the order they are
    # registered, so before each view: the kiosk's idle rule (first, so that nothing else
    # answers an idle session), the form post check (token and origin), the language
    # switch (`?lang=`), then the notice that a session cookie could not be used.
    if on_a_kiosk:
        kiosk.init_app(app)
    web.init_app(app)
    pages.init_app(app, checklist)
    journey.init_app(app)
    register_blueprints(app)
    if app.config["PREBUILT_PAGES"]:
        pages.prebuild_pages(app)
    # /readyz answers 200 from now on.
    web.mark_ready(app)
    return app
