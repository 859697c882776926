"""Friendly error pages: every failure still shows the way out and the way back in."""

from __future__ import annotations

from flask import Flask, current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .. import metrics
from .addresses import Address, this_page
from .one_entry import sent_by_the_script

COULD_NOT_SAVE = _l("Sorry, your answer did not go through")
WHY_NOT_SAVED = _l(
    "The page was open for a long time, or your browser did not send what we needed. "
    "Any answers you gave before this page are still here."
)

# Each status: the heading, what to do, and the page's own short name for its title (docs/
# content-editors.md, "Page titles": a screen reader says the whole title on every page).
ERROR_PAGES = {
    400: (
        _l("Sorry, there is a problem with that request"),
        _l("Something in the request was not right. Go back to the start and try again."),
        _l("Problem with the request"),
    ),
    404: (
        _l("Page not found"),
        _l("If you typed the web address, check it is correct."),
        _l("Page not found"),
    ),
    405: (
        _l("Sorry, that did not work"),
        _l("This page cannot be used that way. Go back to the start and try again."),
        _l("That did not work"),
    ),
    413: (
        _l("Sorry, that was too much to send"),
        _l("What was sent was larger than this service accepts. Go back and try again."),
        _l("Too much to send"),
    ),
    # Sent when a request's headers were too large for nginx (app/web/oversized_headers.py):
    # usually the cookies of other sites on the same parent domain, which a private window
    # does not have.
    431: (
        _l("Sorry, your browser sent more than this service accepts"),
        _l(
            "This can happen when other websites at the same address have saved a lot in "
            "your browser. Open the check in a private window and try again."
        ),
        # The same short name as 413's: too much was sent, here in the headers.
        _l("Too much to send"),
    ),
    500: (
        _l("Sorry, there is a problem with the service"),
        _l("Try again later. We do not keep your answers."),
        _l("Problem with the service"),
    ),
}


def register_error_pages(app: Flask) -> None:
    app.register_error_handler(CSRFError, _form_expired)
    # Unexpected exceptions reach this handler as InternalServerError, after Flask has
    # logged them for the operator.
    app.register_error_handler(HTTPException, _http_error)


def _form_expired(error: CSRFError):
    # Usually a page left open for a long time, or cookies turned off. Answers already
    # given are still in the session, so offer to carry on from the same page.
    metrics.count_csrf_refusal()
    rule = request.url_rule
    same_page_opens = rule is not None and "GET" in (rule.methods or ())
    continue_to = this_page() if same_page_opens else Address(url_for("journey.start"))
    if sent_by_the_script() and current_app.config["SESSION_COOKIE_NAME"] in request.cookies:
        # With JavaScript the page is loaded afresh rather than shown in place of the form
        # (static/js/one_entry.js), so that it is announced and focused like any page load:
        # the same page again, with a new token, and the message above the form. Without a
        # cookie the message could not get there, so that post gets the page below.
        flash(COULD_NOT_SAVE)
        flash(WHY_NOT_SAVED)
        return redirect(str(continue_to), 303)
    return render_template("form_expired.html", continue_to=continue_to), 400


def _http_error(error: HTTPException):
    if error.code not in ERROR_PAGES:
        return error
    heading, explanation, title = ERROR_PAGES[error.code]
    headers = {"Allow": ", ".join(error.valid_methods)} if error.code == 405 else {}
    page = render_template("error.html", heading=heading, explanation=explanation, title=title)
    return page, error.code, headers
