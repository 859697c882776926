"""Which language a page is in: the one its address names (/ro/), else the person's choice,
else their browser's, else the checklist's default. The choice lives in the session, so
leaving the site forgets it; an address that names a language sets nothing."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel import Locale
from flask import Flask, g, redirect, request, url_for
from flask_babel import Babel, get_translations
from werkzeug.routing import AnyConverter

from .. import journey
from ..checklist import Checklist
from ..settings import ConfigurationError
from ..web.addresses import Address, this_page
from ..web.indexing import LANGUAGE_ARGUMENT
from ..web.ways_out import is_way_out
from .content import current_checklist, current_language

SWITCH_PARAMETER = "lang"
# The language the interface text is written in, so it needs no catalogue.
SOURCE_LANGUAGE = "en"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"

babel = Babel()


def select_language() -> Locale:
    languages = current_checklist().languages
    chosen = language_in_address() or journey.chosen_language()
    if chosen not in languages:
        chosen = request.accept_languages.best_match(languages)
    return _locale(chosen or current_checklist().default_language)


def register_language_converter(app: Flask, checklist: Checklist) -> None:
    """`<language:language>` in a route matches the checklist's language codes and nothing
    else, so that /ro/ is the Romanian start page and /anything-else/ stays a 404. Call
    before the blueprints are registered."""

    class LanguageConverter(AnyConverter):
        def __init__(self, map, *args, **kwargs):
            super().__init__(map, *checklist.languages)

    app.url_map.converters["language"] = LanguageConverter


def language_in_address() -> str | None:
    """The language this page's address names (/ro/ → "ro"), if it names one."""
    return (request.view_args or {}).get(LANGUAGE_ARGUMENT)


@cache
def _locale(code: str) -> Locale:
    # Parsed once per language, not once a request: Flask-Babel takes a Locale as it is.
    return Locale.parse(code)


def switch_language_if_asked():
    """`?lang=ro` on any page: remember the choice, then show the same page without it, so
    the person stays where they were with their answers. Not on a way out: it goes
    straight out, and what it would remember is cleared there anyway."""
    code = request.args.get(SWITCH_PARAMETER)
    if request.method != "GET" or code is None or is_way_out():
        return None
    if code in current_checklist().languages:
        journey.choose_language(code)
    return redirect(str(this_page(**{SWITCH_PARAMETER: None})), 303)


def language_links(current: str) -> list[dict]:
    """The switcher: every language named in itself, with the address that switches to it:
    this page with `?lang=`, or on a page whose address names its language, the same page
    at the other language's address (which sets nothing: a crawler can follow it)."""
    return [
        {
            "code": code,
            "name": name_in_itself(code),
            "url": _same_page_in(code),
            "current": code == current,
            "direction": text_direction(code),
        }
        for code in current_checklist().languages
    ]


def _same_page_in(code: str) -> str:
    if language_in_address() is None:
        return str(this_page(**{SWITCH_PARAMETER: code}))
    return url_for(request.endpoint, **{**request.view_args, LANGUAGE_ARGUMENT: code})


def link_to(endpoint: str) -> str:
    """The address of one of the check's pages, for a link on this one. From a page whose
    address names its language (/ro/), the link carries it (`?lang=ro`): a person who came
    from a poster in Romanian, with a browser set to English, stays in Romanian. The choice
    is then remembered, as when they use the switcher; until they follow a link, nothing is."""
    named = language_in_address()
    if named is None:
        return url_for(endpoint)
    return str(Address(url_for(endpoint), ((SWITCH_PARAMETER, named),)))


def text_direction(code: str) -> str:
    """ "rtl" or "ltr", from the locale's own data (CLDR through Babel), so that any
    right-to-left language lays out properly without being named in a list here."""
    return _locale(code).text_direction


def current_direction() -> str:
    return text_direction(current_language())


@cache
def name_in_itself(code: str) -> str:
    name = _locale(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def check_interface_translations(checklist: Checklist) -> None:
    """Every language the checklist offers needs the interface text in it too; without its
    compiled catalogue the pages would mix languages."""
    for code in checklist.languages:
        if code == SOURCE_LANGUAGE:
            continue
        catalogue = TRANSLATIONS / code / "LC_MESSAGES"
        if not (catalogue / "messages.po").exists():
            raise ConfigurationError(
                f"The checklist offers '{code}' but the interface has no translation for it: "
                f"add {catalogue / 'messages.po'} "
                "(see docs/content-editors.md, 'Adding a language')."
            )
        if not (catalogue / "messages.mo").exists():
            raise ConfigurationError(
                f"The '{code}' interface translation is not compiled: run `make run` or "
                f"`pybabel compile -d {TRANSLATIONS}`."
            )


def request_translations():
    """This request's interface translations, looked up once (see install_fast_gettext)."""
    translations = g.get("translations")
    if translations is None:
        translations = g.translations = get_translations()
    return translations


def install_fast_gettext(app: Flask) -> None:
    # Flask-Babel's template functions look the translations up again for every string
    # (bench/README.md has what that costs a page); these look them up once a request.
    app.jinja_env.install_gettext_callables(
        gettext=lambda message: request_translations().ugettext(message),
        ngettext=lambda singular, plural, n: request_translations().ungettext(singular, plural, n),
        newstyle=True,
    )
