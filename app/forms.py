"""Forms. Each carries Flask-WTF's CSRF token; choices come from the checklist."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired


class AnswerForm(FlaskForm):
    # The checklist supplies choices and the error message, so WTForms' own messages
    # (English, and about an unnamed field) are never shown.
    answer = RadioField(validators=[InputRequired()])


class AudienceForm(FlaskForm):
    audience = RadioField(validators=[InputRequired()])


class ActionForm(FlaskForm):
    """A button that changes state (start again): only the CSRF token."""
