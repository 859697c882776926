"""The pages nginx shows by itself when it cannot pass a request on to the app (too big, too
many at once from one address, no instance answering): deploy/error-pages/<status>.html.

nginx serves them as plain files, so they are built beforehand, from templates/proxy_error/
with each language's interface catalogue (the same texts as the app's own pages), and
committed: an operator needs nothing but the files, and a test fails when a catalogue or a
template changes without them being built again (`make error-pages`).

nginx cannot know which language the person reads, so each page holds every language of
the checklist, each part marked with its own `lang` and `dir`. The page loads nothing (the
app, with its stylesheet and script, may be the thing that is down): its style and its
quick-exit script are inside it, and the Content-Security-Policy nginx sends with it
allows exactly those two by their hashes (`content_security_policy()`, which
deploy/nginx.conf must carry: the test compares them).
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from markupsafe import Markup

from ..checklist import Checklist
from ..pages.languages import text_direction
from ..pages.standalone import TEMPLATES, template_environment
from ..settings import PROJECT_ROOT
from ..web.headers import CONTENT_SECURITY_POLICY

# The statuses deploy/nginx.conf answers with a page of its own.
STATUSES = (413, 429, 502, 503, 504)
FOLDER = PROJECT_ROOT / "deploy" / "error-pages"
_OWN = TEMPLATES / "proxy_error"


def style() -> str:
    return (_OWN / "error.css").read_text(encoding="utf-8").strip()


def script() -> str:
    return (_OWN / "error.js").read_text(encoding="utf-8").strip()


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy() -> str:
    """The app's policy, with its inline style and script allowed by their hashes only."""
    replaced = {
        "style-src": f"style-src {_hash(style())}",
        "script-src": f"script-src {_hash(script())}",
    }
    return "; ".join(
        replaced.get(directive.split()[0], directive)
        for directive in CONTENT_SECURITY_POLICY.split("; ")
    )


def _part(checklist: Checklist, language: str, status: int) -> dict:
    """One language's part of the page for `status`, and the words the page takes from it."""
    module = (
        template_environment(language)
        .get_template("proxy_error/section.html")
        .make_module(
            {"status": status, "language": language, "direction": text_direction(language)}
        )
    )
    return {
        "language": language,
        "direction": text_direction(language),
        "title": module.title,
        "leave": module.leave,
        "leave_quickly": module.leave_quickly,
        "service_name": checklist.service_name[language],
        "html": Markup(str(module).strip()),
    }


def render_error_page(checklist: Checklist, status: int) -> str:
    """The page for `status`, in every language of the checklist, its default first."""
    languages = [checklist.default_language] + [
        code for code in checklist.languages if code != checklist.default_language
    ]
    parts = [_part(checklist, language, status) for language in languages]
    page = template_environment(checklist.default_language).get_template("proxy_error/page.html")
    return page.render(first=parts[0], parts=parts, style=Markup(style()), script=Markup(script()))


def write_error_pages(checklist: Checklist, folder: Path = FOLDER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for status in STATUSES:
        target = folder / f"{status}.html"
        target.write_text(render_error_page(checklist, status), encoding="utf-8")
        written.append(target)
    return written
