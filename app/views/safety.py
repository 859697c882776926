"""Helping people stay safe: how the quick exit works, and how to browse more safely."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for

from .. import journey
from ..pages.content import current_checklist

bp = Blueprint("safety", __name__)


@bp.get("/before-you-start")
def before_you_start():
    # Shown once a visit, between the start page and the first question.
    journey.mark_exit_help_seen()
    first_question = current_checklist().questions[0]
    return render_template("before_you_start.html", first_question=first_question)


@bp.get("/staying-safe-online")
def staying_safe():
    return render_template("staying_safe.html", back_url=_back_to_the_check())


def _back_to_the_check() -> str | None:
    """Where a person part-way through the check carries on from; None if they are not.

    With JavaScript the whole visit is one entry in the tab's history (static/js/
    one_entry.js), so the browser's Back would leave the site rather than return to the
    question this page was opened from. Which page that was is not known (no referrer is
    sent), so this is the first question still open, or "Check your answers".
    """
    checklist = current_checklist()
    try:
        progress = journey.current_journey(checklist)
    except journey.UnusableJourney:
        return None  # the check's own pages say so and start again
    if progress is None:
        return None
    question = progress.first_unanswered(checklist)
    if question is None:
        return url_for("journey.check_answers")
    return url_for("journey.question", question_id=question.id)
