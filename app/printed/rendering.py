"""Drawing a piece: its template, in one language, made into a PDF by WeasyPrint.

The templates get the interface text from the same catalogues as the site
(app/translations, through Babel) and the checklist's texts in the piece's language. The
PDF is tagged for accessibility (PDF/UA-1: headings, lists, the pictures' descriptions and
the document's language, so it can be read aloud), with its fonts embedded, and WeasyPrint
may fetch nothing: the pictures are inside the HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from ..pages.languages import text_direction
from ..pages.standalone import TEMPLATES, template_environment

STYLESHEET = TEMPLATES / "printed" / "printed.css"
# Accessible and tagged; WeasyPrint's PDF/UA support is its own, not certified.
PDF_VARIANT = "pdf/ua-1"


def render_html(template: str, language: str, **context) -> str:
    """The piece as HTML, with the interface text in `language`."""

    def text(value: Mapping[str, str] | None) -> str:
        return "" if value is None else value[language]

    return (
        template_environment(language)
        .get_template(template)
        .render(language=language, direction=text_direction(language), text=text, **context)
    )


def write_pdf(html: str, target: Path, *, pages: int) -> None:
    """Lay `html` out and write it to `target`, if it takes exactly `pages` pages: a piece
    that runs onto another page (longer texts, or other fonts) is refused, not printed."""
    document = HTML(
        string=html,
        base_url=str(TEMPLATES),
        # Nothing may come from elsewhere: only the data: addresses the templates put in.
        url_fetcher=URLFetcher(allowed_protocols=["data"], fail_on_errors=True),
    ).render(stylesheets=[CSS(filename=STYLESHEET)], pdf_variant=PDF_VARIANT)
    if len(document.pages) != pages:
        raise DoesNotFit(len(document.pages), pages)
    document.write_pdf(target, pdf_variant=PDF_VARIANT)


class DoesNotFit(ValueError):
    def __init__(self, laid_out: int, expected: int) -> None:
        super().__init__(f"it takes {laid_out} pages instead of {expected}")
        self.laid_out = laid_out
