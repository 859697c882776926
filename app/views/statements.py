"""The pages a public service must publish: its accessibility statement, privacy notice and
cookies page. Their wording about the organisation and the law comes from the checklist's
`organisation` section; what they say about the service itself comes from its own settings.
Search engines may list them (app/web/indexing.py): they say what the service is and does,
and nothing about anyone who uses it."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import format_date

from .. import metrics
from ..pages.content import current_checklist
from ..pages.cookies import answers_accepted_for, cookies_in_use
from ..web.indexing import may_be_indexed

bp = Blueprint("statements", __name__)


@bp.get("/accessibility")
@may_be_indexed
def accessibility():
    organisation = current_checklist().organisation
    return render_template(
        "accessibility.html",
        organisation=organisation,
        last_tested=format_date(organisation.accessibility_last_tested, format="d MMMM y"),
        answers_kept_for=answers_accepted_for(),
    )


@bp.get("/privacy")
@may_be_indexed
def privacy():
    return render_template(
        "privacy.html",
        organisation=current_checklist().organisation,
        answers_kept_for=answers_accepted_for(),
        # Every figure the service counts, from where each is declared (app/metrics/),
        # so that the notice names them all; none when it counts nothing.
        figures=metrics.figures_counted(),
    )


@bp.get("/cookies")
@may_be_indexed
def cookies():
    return render_template("cookies.html", cookies=cookies_in_use())
