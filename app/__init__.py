"""The warning-signs check: a Flask app that walks a person through the signs of modern
slavery and ends with guidance on where and how to report concerns."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask_babel import Babel
from werkzeug.middleware.proxy_fix import ProxyFix

from . import prebuilt_pages
from .assets import register_assets
from .checklist import load_checklist
from .checklist.upkeep import before_going_live
from .error_log import CheckFlask
from .errors import register_error_pages
from .languages import check_interface_translations, select_language
from .privacy import PrivacyHeaders
from .request_hooks import register_request_hooks
from .same_origin import SameOriginCSRFProtect
from .sessions import DiscardNoticingSessionInterface
from .settings import DEFAULTS, PROJECT_ROOT, check_settings
from .templating import register_template_functions

csrf = SameOriginCSRFProtect()
babel = Babel()


def create_app(test_config: dict | None = None) -> Flask:
    # Static files are served minified, from memory, by app.assets.
    app = CheckFlask(__name__, static_folder=None, template_folder=PROJECT_ROOT / "templates")
    # Block tags ({% if %} and the like) leave no blank lines or indentation in the pages.
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.config.from_mapping(DEFAULTS)
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

    app.session_interface = DiscardNoticingSessionInterface()
    # First, so that its before_request CSRF check runs before every hook of ours.
    csrf.init_app(app)
    check_interface_translations(checklist)
    babel.init_app(app, locale_selector=select_language)
    register_error_pages(app)

    from .views import journey, kiosk, leaving, safety, service, statements

    app.register_blueprint(journey.bp)
    app.register_blueprint(leaving.bp)
    app.register_blueprint(safety.bp)
    app.register_blueprint(service.bp)
    app.register_blueprint(statements.bp)
    csrf.exempt(leaving.bp)
    if app.config["KIOSK_MODE"]:
        # Kiosk mode (app/kiosk.py): the pages that clear the screen and the welcome screen.
        app.register_blueprint(kiosk.bp)
        # Clearing the screen must never fail on a stale form: these routes only clear things.
        csrf.exempt(kiosk.bp)
    assets = register_assets(app, PROJECT_ROOT / "static")
    register_template_functions(app, checklist, assets)
    register_request_hooks(app)
    # Around the app and its static files (register_assets), so that both get them.
    app.wsgi_app = PrivacyHeaders(app.wsgi_app)
    proxies = app.config["TRUSTED_PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=0, x_proto=proxies, x_host=proxies)
    if app.config["PREBUILT_PAGES"] and not app.config["KIOSK_MODE"]:
        prebuilt_pages.prebuild_pages(app)
    return app
