"""The warning-signs check: a Flask app that walks a person through the signs of modern
slavery and ends with guidance on where and how to report concerns."""

from __future__ import annotations

from flask import Flask, flash
from flask_babel import Babel
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from . import content, prebuilt_pages, session_data
from .assets import register_assets
from .checklist import load_checklist
from .error_log import CheckFlask
from .errors import register_error_pages
from .kiosk import init_kiosk
from .languages import check_interface_translations, register_languages, select_language
from .one_entry import init_one_entry
from .privacy import PrivacyHeaders
from .same_origin import SameOriginCSRFProtect
from .sessions import DiscardNoticingSessionInterface
from .settings import DEFAULTS, PROJECT_ROOT, check_settings

csrf = SameOriginCSRFProtect()
babel = Babel()

SESSION_DISCARDED = _l(
    "Your session had ended, so the check has started again. Nothing you entered was kept."
)


def create_app(test_config: dict | None = None) -> Flask:
    # Static files are served minified, from memory, by app.assets.
    app = CheckFlask(__name__, static_folder=None)
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
    for note in checklist.to_confirm_before_deployment:
        app.logger.warning("Before going live: %s", note)

    app.session_interface = DiscardNoticingSessionInterface()
    csrf.init_app(app)
    # Templates' csrf_token(): the same token, or a placeholder while pages are prebuilt.
    # Flask-WTF offers its own both ways, as a global and from a context processor.
    app.jinja_env.globals["csrf_token"] = prebuilt_pages.token_or_hole
    app.context_processor(lambda: {"csrf_token": prebuilt_pages.token_or_hole})
    app.jinja_env.globals["checked"] = prebuilt_pages.checked
    check_interface_translations(checklist)
    babel.init_app(app, locale_selector=select_language)
    register_languages(app)
    register_error_pages(app)
    init_one_entry(app)
    app.before_request(_say_when_a_session_was_discarded)
    app.jinja_env.globals.update(
        localise=content.localise,
        worded_for=content.worded_for,
        paragraphs=content.paragraphs,
        current_language=content.current_language,
        checklist=checklist,
        # The start page says how long answers last: as long as the session is accepted.
        answers_kept_minutes=lambda: int(app.permanent_session_lifetime.total_seconds() // 60),
        picture_for=content.picture_for,
    )
    app.jinja_env.filters.update(tel_href=content.tel_href, web_label=content.web_label)

    from .views import journey, leaving, safety, service, statements

    app.register_blueprint(journey.bp)
    app.register_blueprint(leaving.bp)
    app.register_blueprint(safety.bp)
    app.register_blueprint(service.bp)
    app.register_blueprint(statements.bp)
    csrf.exempt(leaving.bp)
    init_kiosk(app)
    register_assets(app, PROJECT_ROOT / "static", PROJECT_ROOT / "templates")
    # Around the app and its static files (register_assets), so that both get them.
    app.wsgi_app = PrivacyHeaders(app.wsgi_app)
    proxies = app.config["TRUSTED_PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=0, x_proto=proxies, x_host=proxies)
    if app.config["PREBUILT_PAGES"] and not app.config["KIOSK_MODE"]:
        prebuilt_pages.prebuild_pages(app, journey.pages_to_prebuild)
    return app


def _say_when_a_session_was_discarded() -> None:
    if session_data.was_discarded():
        flash(SESSION_DISCARDED)
