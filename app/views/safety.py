"""Helping people stay safe: how the quick exit works, and how to browse more safely."""

from __future__ import annotations

from flask import Blueprint, render_template, session

from ..content import current_checklist

bp = Blueprint("safety", __name__)

EXIT_HELP_SEEN_KEY = "exit_help_seen"


def exit_help_seen() -> bool:
    return bool(session.get(EXIT_HELP_SEEN_KEY))


@bp.get("/before-you-start")
def before_you_start():
    # Shown once a visit, between the start page and the first question.
    session[EXIT_HELP_SEEN_KEY] = True
    first_question = current_checklist().questions[0]
    return render_template("before_you_start.html", first_question=first_question)


@bp.get("/staying-safe-online")
def staying_safe():
    return render_template("staying_safe.html")
