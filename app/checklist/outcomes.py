"""The distinct outcomes: every combination of audience and answers that is told the same
sections and contacts is one outcome, numbered in the order `every_outcome` meets them.

`flask checklist matrix` lists them, the native review pack shows each one's guidance, and
the service's figures count journeys by them: an outcome id says which guidance a person
was shown, never which answers they gave.
"""

from __future__ import annotations

from dataclasses import dataclass

from .combinations import Outcome, every_outcome
from .schema import Checklist


@dataclass
class DistinctOutcome:
    """Every combination that gets the same sections and contacts: one page to review
    (the signs listed under "What you noticed" differ; the example shows its own)."""

    number: int
    example: Outcome
    combinations: int = 0

    @property
    def name(self) -> str:
        return f"outcome-{self.number:03d}"


def outcome_key(outcome: Outcome) -> tuple:
    """What makes two outcomes the same: the audience, the sections and the contacts."""
    return (
        outcome.combination.audience,
        outcome.rule_ids,
        tuple(contact.id for contact in outcome.contacts),
    )


def distinct_outcomes(checklist: Checklist) -> list[DistinctOutcome]:
    found: dict[tuple, DistinctOutcome] = {}
    for outcome in every_outcome(checklist):
        distinct = found.setdefault(outcome_key(outcome), DistinctOutcome(len(found) + 1, outcome))
        distinct.combinations += 1
    return list(found.values())
