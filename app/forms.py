"""Forms: choices come from the checklist.

CSRF is checked once for every POST by CSRFProtect (see create_app); templates put the token
in each form with csrf_token(). The forms themselves do not check it again.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired


class ChoiceForm(FlaskForm):
    class Meta:
        csrf = False


class AnswerForm(ChoiceForm):
    # The checklist supplies choices and the error message, so WTForms' own messages
    # (English, and about an unnamed field) are never shown.
    answer = RadioField(validators=[InputRequired()])


class AudienceForm(ChoiceForm):
    audience = RadioField(validators=[InputRequired()])
