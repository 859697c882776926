"""A person's progress through the check: who it is for and the answers so far.

Read from the session (cookie.py) and checked against the checklist on every request: a
cookie from an older checklist, or edited by hand, is never trusted as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from flask_babel import lazy_gettext as _l

from ..checklist import Checklist, Question, rules
from ..checklist.rules import GuidanceBlock
from . import cookie


class UnusableJourney(Exception):
    """The session holds answers that do not fit this checklist (edited, or forged)."""


# Said once, on the next page, when what the cookie held could not be used: answers that no
# longer fit the checklist, or contents this version never writes (session_interface.py).
STARTED_AGAIN = _l(
    "Your answers could not be used any more, so the check has started again. "
    "Nothing you entered was kept."
)


@dataclass(frozen=True)
class Journey:
    audience: str
    answers: Mapping[str, str]

    def answer_to(self, question: Question) -> str | None:
        return self.answers.get(question.id)

    def first_unanswered(self, checklist: Checklist) -> Question | None:
        for question in checklist.questions:
            if question.id not in self.answers:
                return question
        return None

    def is_complete(self, checklist: Checklist) -> bool:
        return self.first_unanswered(checklist) is None

    def with_answer(self, question: Question, answer_id: str) -> Journey:
        return Journey(self.audience, MappingProxyType({**self.answers, question.id: answer_id}))

    def guidance(self, checklist: Checklist) -> list[GuidanceBlock]:
        """The checklist's rules applied to this journey (app/checklist/rules.py)."""
        return rules.guidance_for(checklist, self.audience, self.answers)


def current_journey(checklist: Checklist) -> Journey | None:
    """The journey in this session; None if none was started.

    Raises UnusableJourney when the session's contents do not fit the checklist, for
    example after the checklist changed while someone was part-way through.
    """
    audience = cookie.audience()
    if audience is None:
        return None
    answers = cookie.answers()
    if audience not in checklist.audience_ids or not isinstance(answers, dict):
        raise UnusableJourney
    accepted = checklist.answer_ids
    for question_id, answer_id in answers.items():
        # Checked as text first: a list or map from an older version cannot be looked up.
        if not isinstance(answer_id, str) or answer_id not in accepted.get(question_id, ()):
            raise UnusableJourney
    return Journey(audience=audience, answers=MappingProxyType(answers))


def start_journey(audience: str) -> None:
    cookie.start_journey(audience)


def record_answer(question: Question, answer_id: str) -> None:
    answers = cookie.answers()
    if answers.get(question.id) == answer_id:
        return  # unchanged: no need to sign and send the cookie again
    cookie.store_answers({**answers, question.id: answer_id})


def forget_answers() -> None:
    """Start again: the answers go; the rest of the visit (help already shown) stays."""
    cookie.forget_journey()


def forget_everything() -> None:
    cookie.forget_everything()
