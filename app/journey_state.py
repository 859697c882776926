"""A person's progress through the check, kept only in their signed session cookie.

The cookie holds the audience id and answer ids keyed by question id: never display text,
never anything typed. Nothing is written on the server.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from . import session_data
from .checklist import Checklist, Question


class UnusableJourney(Exception):
    """The session holds answers that do not fit this checklist (edited, or forged)."""


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


def current_journey(checklist: Checklist) -> Journey | None:
    """The journey in this session; None if none was started.

    Raises UnusableJourney when the session's contents do not fit the checklist, for
    example after the checklist changed while someone was part-way through.
    """
    audience = session_data.audience()
    if audience is None:
        return None
    answers = session_data.answers()
    if audience not in checklist.audience_ids or not isinstance(answers, dict):
        raise UnusableJourney
    accepted = checklist.answer_ids
    for question_id, answer_id in answers.items():
        # Checked as text first: a list or map from an older version cannot be looked up.
        if not isinstance(answer_id, str) or answer_id not in accepted.get(question_id, ()):
            raise UnusableJourney
    return Journey(audience=audience, answers=MappingProxyType(answers))


def start_journey(audience: str) -> None:
    session_data.start_journey(audience)


def record_answer(question: Question, answer_id: str) -> None:
    answers = session_data.answers()
    if answers.get(question.id) == answer_id:
        return  # unchanged: no need to sign and send the cookie again
    session_data.store_answers({**answers, question.id: answer_id})


def forget_answers() -> None:
    """Start again: the answers go; the rest of the visit (help already shown) stays."""
    session_data.forget_journey()


def forget_everything() -> None:
    session_data.forget_everything()
