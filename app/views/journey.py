"""The check itself: start, one page per question, check your answers, guidance."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from .. import journey, metrics
from ..checklist import Checklist, Question
from ..journey import STARTED_AGAIN, Journey
from ..pages import prebuilt
from ..pages.content import (
    current_checklist,
    current_language,
    localise,
    picture_for,
    worded_for,
)
from ..pages.prebuilt import Variant
from ..pages.search_engines import language_versions_of_this_page, versions_in_every_language
from ..web.first_steps import first_step
from ..web.indexing import may_be_indexed
from .forms import chosen

bp = Blueprint("journey", __name__)


@bp.route("/", methods=["GET", "POST"])
@may_be_indexed
def start():
    """The start page in the person's language (the one they chose, else their browser's):
    for search engines, the version for everyone else (x-default)."""
    if request.method == "POST":
        return _begin(has_error_page=lambda: start_page(has_error=True))
    return start_page(has_error=False)


@bp.route("/<language:language>/", methods=["GET", "POST"], strict_slashes=False)
@may_be_indexed
@first_step
def start_in(language: str):
    """The start page at one language's own address (/ro/): in that language whatever the
    browser asks for, and setting no cookie, for search engines and for the QR codes on
    posters (app/web/public_address.py). Choosing an audience here begins the journey in
    this language: the address says it when the person acts."""
    if request.method == "POST":
        return _begin(
            has_error_page=lambda: start_page(has_error=True, language=language),
            language=language,
        )
    return start_page(has_error=False, language=language)


def _begin(*, has_error_page, language: str | None = None):
    checklist = current_checklist()
    audience = chosen("audience", checklist.audience_ids)
    if audience is None:
        metrics.count_form_error()
        return has_error_page()
    if language is not None:
        journey.choose_language(language)
    journey.start_journey(audience)
    metrics.count_journey_started(audience, language or current_language())
    if not journey.exit_help_seen():
        return redirect(url_for("safety.before_you_start"), 303)
    return redirect(url_for(".question", question_id=checklist.questions[0].id), 303)


@bp.route("/questions/<question_id>", methods=["GET", "POST"])
def question(question_id: str):
    checklist = current_checklist()
    question = checklist.question(question_id)
    if question is None:
        abort(404)
    progress = _journey_so_far(checklist)
    first_open = progress.first_unanswered(checklist)
    if first_open is not None and checklist.position_of(first_open) < checklist.position_of(
        question
    ):
        # No jumping ahead: every answer before this one is needed for the guidance.
        return redirect(url_for(".question", question_id=first_open.id))

    changing = request.args.get("change") == "1"
    if request.method == "POST":
        answer = chosen("answer", checklist.answer_ids[question.id])
        if answer is not None:
            journey.record_answer(question, answer)
            answered = progress.with_answer(question, answer)
            if first_open is not None and answered.is_complete(checklist):
                # Its last open question: counted once a journey, whatever is changed or
                # reloaded afterwards, with nothing more kept about it (app/metrics/).
                metrics.count_journey_completed(
                    answered.audience, answered.answers, current_language()
                )
            return redirect(_page_after(checklist, question, changing, answered), 303)
        metrics.count_form_error()
        return question_page(
            question_id=question.id, audience=progress.audience, changing=changing, has_error=True
        )
    return question_page(
        question_id=question.id,
        audience=progress.audience,
        changing=changing,
        selected=progress.answer_to(question),
    )


@bp.route("/check-your-answers")
def check_answers():
    checklist = current_checklist()
    progress = _complete_journey(checklist)
    rows = [
        {
            "question": worded_for(question.question, progress.audience),
            "answer": _answer_label(checklist, question, progress.answer_to(question)),
            "change_url": url_for(".question", question_id=question.id, change="1"),
        }
        for question in checklist.questions
    ]
    last = checklist.questions[-1]
    return render_template(
        "check_answers.html",
        rows=rows,
        back_url=url_for(".question", question_id=last.id),
    )


@bp.route("/what-to-do-next")
def guidance():
    checklist = current_checklist()
    progress = _complete_journey(checklist)
    return render_template(
        "guidance.html",
        blocks=progress.guidance(checklist),
        audience=progress.audience,
        back_url=url_for(".check_answers"),
    )


@bp.post("/start-again")
def start_again():
    # The CSRF check (app-wide) already ran; the form has nothing else to validate.
    journey.forget_answers()
    return redirect(url_for(".start"), 303)


def start_page_variants() -> Iterator[Variant]:
    """The start page as a first visit sees it, at / and at each language's own address
    (see app/pages/prebuilt.py)."""
    yield Variant(url_for(".start"), "", {"has_error": False})
    for code in current_checklist().languages:
        arguments = {"has_error": False, "language": code}
        yield Variant(url_for(".start_in", language=code), "", arguments, language=code)


@prebuilt.page(variants=start_page_variants)
def start_page(*, has_error: bool, language: str | None = None) -> str:
    """`language`: the page is at that language's own address, and its form a first step
    (app/web/first_steps.py): it carries no token, so the page sets no cookie."""
    return render_template(
        "start.html",
        has_error=has_error,
        first_step=language is not None,
        action_url=url_for(".start_in", language=language) if language else url_for(".start"),
        language_versions=start_page_versions(this_page_only=True),
    )


def start_page_versions(*, this_page_only: bool = False) -> list[tuple[str, str]]:
    """(hreflang, public address) of the start page in each language, then at / (x-default):
    for the start pages' <head> (`this_page_only`: only when the page shown may be listed)
    and for the sitemap."""
    # Whole endpoint names: the sitemap asks from another blueprint.
    if this_page_only:
        return language_versions_of_this_page("journey.start_in", x_default="journey.start")
    return versions_in_every_language("journey.start_in", x_default="journey.start")


def question_page_variants() -> Iterator[Variant]:
    """Every question page, for every audience and selected answer (or none), at both its
    addresses (see app/pages/prebuilt.py): the pages a flood of visitors asks for most."""
    checklist = current_checklist()
    for question in checklist.questions:
        path = url_for(".question", question_id=question.id)
        answers = [None, *(option.id for option in checklist.options_for(question))]
        for changing in (False, True):
            for audience in checklist.audience_ids:
                for selected in answers:
                    arguments = {
                        "question_id": question.id,
                        "audience": audience,
                        "changing": changing,
                        "selected": selected,
                    }
                    yield Variant(path, "change=1" if changing else "", arguments)


@prebuilt.page(variants=question_page_variants)
def question_page(
    *,
    question_id: str,
    audience: str,
    changing: bool,
    selected: str | None = None,
    has_error: bool = False,
) -> str:
    checklist = current_checklist()
    question = checklist.question(question_id)
    answer_set = checklist.answer_set_for(question)
    error_text = worded_for(question.error, audience) if question.error else None
    return render_template(
        "question.html",
        options=answer_set.options,
        selected=selected,
        has_error=has_error,
        position=checklist.position_of(question) + 1,
        total=len(checklist.questions),
        title=worded_for(question.question, audience),
        hint=worded_for(question.hint, audience),
        picture=picture_for(question),
        error_message=error_text or localise(answer_set.error),
        back_url=_page_before(checklist, question, changing),
        action_url=url_for(".question", question_id=question.id, change="1" if changing else None),
    )


def _journey_so_far(checklist: Checklist) -> Journey:
    """The journey; with none to continue, the request ends in a redirect to the start."""
    try:
        progress = journey.current_journey(checklist)
    except journey.UnusableJourney:
        journey.forget_everything()
        flash(STARTED_AGAIN)
        abort(redirect(url_for(".start")))
    if progress is None:
        abort(redirect(url_for(".start")))
    return progress


def _complete_journey(checklist: Checklist) -> Journey:
    """The finished journey; if unfinished, the request ends at the first open question."""
    progress = _journey_so_far(checklist)
    first_open = progress.first_unanswered(checklist)
    if first_open is not None:
        abort(redirect(url_for(".question", question_id=first_open.id)))
    return progress


def _page_after(checklist: Checklist, question: Question, changing: bool, progress: Journey) -> str:
    position = checklist.position_of(question)
    is_last = position == len(checklist.questions) - 1
    if is_last or (changing and progress.is_complete(checklist)):
        return url_for(".check_answers")
    return url_for(".question", question_id=checklist.questions[position + 1].id)


def _page_before(checklist: Checklist, question: Question, changing: bool) -> str:
    position = checklist.position_of(question)
    if changing:
        return url_for(".check_answers")
    if position == 0:
        return url_for(".start")
    return url_for(".question", question_id=checklist.questions[position - 1].id)


def _answer_label(checklist: Checklist, question: Question, answer_id: str | None) -> str:
    for option in checklist.options_for(question):
        if option.id == answer_id:
            return localise(option.label)
    return ""
