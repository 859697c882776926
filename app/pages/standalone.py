"""Templates drawn without the web app, for what is made from the checklist and printed or
served by something else: the posters and wallet cards (app/printed/) and the pages nginx
shows by itself (app/cli/error_pages.py).

One Jinja environment per language, on the same templates/ folder and with the same block
whitespace rules as the site, the interface catalogue of that language installed, and the
site's filters for the checklist's texts. Undefined names are errors: nothing a template
forgets may print as an empty space on paper.
"""

from __future__ import annotations

from functools import cache

import jinja2
from babel.support import Translations

from ..settings import PROJECT_ROOT
from .bidi import isolate_numbers
from .content import paragraphs, web_label
from .languages import TRANSLATIONS

TEMPLATES = PROJECT_ROOT / "templates"


@cache
def template_environment(language: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        # As the site's templates: block tags leave no blank lines.
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(isolate_numbers=isolate_numbers, web_label=web_label)
    env.globals.update(paragraphs=paragraphs)
    # The source language has no catalogue: Babel then hands the messages back as written.
    env.install_gettext_translations(Translations.load(TRANSLATIONS, [language]), newstyle=True)
    return env
