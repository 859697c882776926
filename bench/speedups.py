"""What each of the app's speed-ups saves, measured alone.

For each speed-up, the app is built a second time with that one turned off (Flask's,
Flask-WTF's or Flask-Babel's own machinery in its place, patched in for the measurement
only), and both are called in turn in the same run, as in bench/in_process.py: several
rounds, the apps alternating within each round, median and best reported. The saving is the
cost without the speed-up minus the cost with it, and its share of the cost without it.

Speed-ups that change only bytes (the minifier, templates stripped of indentation) are judged on the
bytes a page sends, printed at the end.

Run: .venv/bin/python bench/speedups.py [--rounds 15] [--requests 100] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import statistics
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from flask.sansio import scaffold  # noqa: E402
from in_process import (  # noqa: E402
    JOURNEY_ANSWERS,
    PAGES,
    SECRET,
    microseconds_each,
)
from jinja2 import FileSystemLoader  # noqa: E402
from wsgi_requests import environs, finished_journey  # noqa: E402

from app import create_app  # noqa: E402

CONFIG = {"SECRET_KEY": SECRET}


@contextlib.contextmanager
def _patched(target, name: str, value) -> Iterator[None]:
    before = getattr(target, name)
    setattr(target, name, value)
    try:
        yield
    finally:
        setattr(target, name, before)


# Each: how to build the app without the speed-up, as (extra config, patches). The patches
# are in place while that app is built and while it is measured, never for the other.
def _without_form_token_cache():
    from flask_wtf.csrf import generate_csrf

    from app.pages import prebuilt

    return [(prebuilt, "reused_form_token", generate_csrf)]


def _without_serializer_cache():
    from flask.sessions import SecureCookieSessionInterface

    from app.journey.session_interface import DiscardNoticingSessionInterface

    return [
        (
            DiscardNoticingSessionInterface,
            "get_signing_serializer",
            SecureCookieSessionInterface.get_signing_serializer,
        )
    ]


def _without_fast_gettext():
    from app.pages import templating

    # Flask-Babel's init_app has installed its own gettext functions; keep them.
    return [(templating, "install_fast_gettext", lambda app: None)]


def _without_language_cache():
    from flask_babel import get_locale

    from app.pages import content, prebuilt

    def current_language() -> str:
        return str(get_locale())

    return [
        (content, "current_language", current_language),
        (prebuilt, "current_language", current_language),
    ]


def _without_privacy_wsgi_wrapper():
    from flask import request

    from app import web
    from app.web import headers as privacy

    def identity(wsgi_app):
        return wsgi_app

    original_init = web.init_app

    def init_with_after_request(app):
        original_init(app)

        @app.after_request
        def privacy_headers(response):
            response.headers.update(privacy.EVERY_RESPONSE)
            response.headers.set(*privacy.ROBOTS)
            if request.is_secure:
                response.headers.set(*privacy.HSTS)
            if "Cache-Control" not in response.headers:
                response.headers.set(*privacy.NO_STORE)
                response.vary.add(privacy.LANGUAGE)
            return response

    return [
        (web, "PrivacyHeaders", identity),
        (web, "init_app", init_with_after_request),
    ]


def _without_forms_read_directly():
    from flask_wtf import FlaskForm
    from wtforms import RadioField

    from app.views import journey

    # Flask-WTF forms as a Flask engineer would write them, one class per kind of form, the
    # offered ids set as choices for each request. CSRF is already checked for every POST by
    # CSRFProtect, so not again here.
    class AudienceForm(FlaskForm):
        class Meta:
            csrf = False

        audience = RadioField()

    class AnswerForm(FlaskForm):
        class Meta:
            csrf = False

        answer = RadioField()

    forms = {"audience": AudienceForm, "answer": AnswerForm}

    def chosen(field, offered):
        form = forms[field]()
        form[field].choices = list(offered)
        return form[field].data if form.validate() else None

    return [(journey, "chosen", chosen)]


SPEEDUPS: dict[str, Callable[[], tuple[dict, list]]] = {
    "prebuilt pages": lambda: ({"PREBUILT_PAGES": False}, []),
    "form-token cache": lambda: ({}, _without_form_token_cache()),
    "serializer cache": lambda: ({}, _without_serializer_cache()),
    "install_fast_gettext": lambda: ({}, _without_fast_gettext()),
    "g.language": lambda: ({}, _without_language_cache()),
    "PrivacyHeaders WSGI": lambda: ({}, _without_privacy_wsgi_wrapper()),
    # Flask-WTF translates WTForms' own messages by default, loading their catalogue on every
    # form (about 300 microseconds); the check never shows them, so that is turned off.
    "forms without WTForms": lambda: ({"WTF_I18N_ENABLED": False}, _without_forms_read_directly()),
}


class Variant:
    def __init__(self, config: dict, patches: list):
        self.patches = patches
        with self.patched():
            self.app = create_app({**CONFIG, **config})

    @contextlib.contextmanager
    def patched(self) -> Iterator[None]:
        with contextlib.ExitStack() as stack:
            for target, name, value in self.patches:
                stack.enter_context(_patched(target, name, value))
            yield


def measure(name: str, rounds: int, count: int) -> None:
    config, patches = SPEEDUPS[name]()
    with_it = Variant({}, [])
    without = Variant(config, patches)
    cookie, token = finished_journey(with_it.app, JOURNEY_ANSWERS)
    print(f"\n{name}: microseconds per request, {rounds} rounds of {count}, A/B alternating")
    print(
        f"{'page':15}{'with med':>10}{'best':>8}{'without med':>13}{'best':>8}"
        f"{'saving med':>12}{'share':>7}{'best':>8}{'share':>7}"
    )
    for page, method, path in PAGES:
        costs: dict[str, list[float]] = {"with": [], "without": []}
        for _ in range(rounds):
            for label, variant in (("with", with_it), ("without", without)):
                prepared = environs(method, path, cookie, token, count)
                with variant.patched():
                    costs[label].append(microseconds_each(variant.app.wsgi_app, prepared))
        med = {label: statistics.median(values) for label, values in costs.items()}
        best = {label: min(values) for label, values in costs.items()}
        saving_med = med["without"] - med["with"]
        saving_best = best["without"] - best["with"]
        print(
            f"{page:15}{med['with']:10.0f}{best['with']:8.0f}{med['without']:13.0f}"
            f"{best['without']:8.0f}{saving_med:12.0f}{saving_med / med['without']:7.1%}"
            f"{saving_best:8.0f}{saving_best / best['without']:7.1%}"
        )


def page_bytes() -> None:
    """What the minifier and stripping the templates' indentation save, in bytes sent."""
    import rcssmin
    import rjsmin

    from app.web import assets

    static = PROJECT_ROOT / "static"
    print("\nBytes (gzip -9 in brackets): assets with and without the minifier")
    for kind, sources in assets.STYLESHEETS.items():
        raw = "".join((static / "css" / part).read_text() for part in sources).encode()
        small = "".join(rcssmin.cssmin((static / "css" / p).read_text()) for p in sources).encode()
        print(f"{kind + '.css':22}{_sizes(small)} minified, {_sizes(raw)} as written")
    raw = ";".join((static / "js" / p).read_text() for p in assets.SCRIPT).encode()
    small = ";".join(rjsmin.jsmin((static / "js" / p).read_text()) for p in assets.SCRIPT).encode()
    print(f"{'page.js':22}{_sizes(small)} minified, {_sizes(raw)} as written")

    print("\nPage bytes with Flask's template loader (as shipped) and with indentation stripped")
    shipped = create_app(CONFIG)
    trimmed = Variant({}, [(scaffold, "FileSystemLoader", _IndentationStrippingLoader)]).app
    cookie, _ = finished_journey(shipped, JOURNEY_ANSWERS)
    for page, method, path in PAGES:
        if method != "GET":
            continue
        sizes = []
        for app in (shipped, trimmed):
            client = app.test_client()
            client.set_cookie("session", cookie)
            sizes.append(client.get(path).get_data())
        print(f"{page:22}{_sizes(sizes[0])} as shipped, {_sizes(sizes[1])} stripped")


class _IndentationStrippingLoader(FileSystemLoader):
    """The loader the app had (removed: see docs/developers.md), for comparison."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        return "\n".join(line.strip() for line in source.splitlines()), filename, uptodate


def _sizes(body: bytes) -> str:
    return f"{len(body):6} ({len(gzip.compress(body, 9)):5})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--requests", type=int, default=100, help="per round")
    parser.add_argument("--only", nargs="*", choices=[*SPEEDUPS, "bytes"])
    options = parser.parse_args()
    for name in options.only or [*SPEEDUPS, "bytes"]:
        if name == "bytes":
            page_bytes()
        else:
            measure(name, options.rounds, options.requests)
    return 0


if __name__ == "__main__":
    sys.exit(main())
