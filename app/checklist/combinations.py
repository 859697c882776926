"""Every person the check can meet: each audience with each answer to every question.

One enumeration, shared by `flask checklist matrix` (what every person would see), the
safety checks at start-up and `flask checklist validate`, and the guidance tests. The order
is stable (audiences, questions and answers in the file's order), so outputs can be diffed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .rules import GuidanceBlock, guidance_for
from .schema import AgeGroup, Checklist, Contact


@dataclass(frozen=True)
class Combination:
    audience: str
    # Question id → answer id, for every question, in the order they are asked.
    answers: Mapping[str, str]


@dataclass(frozen=True)
class Outcome:
    combination: Combination
    blocks: tuple[GuidanceBlock, ...]

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(block.rule.id for block in self.blocks)

    @property
    def contacts(self) -> tuple[Contact, ...]:
        """The contacts shown, in the order the page shows them."""
        return tuple(contact for block in self.blocks for contact in block.contacts)


def every_combination(checklist: Checklist) -> Iterator[Combination]:
    question_ids = [question.id for question in checklist.questions]
    options = [[o.id for o in checklist.options_for(q)] for q in checklist.questions]
    for audience in checklist.audience_ids:
        for chosen in itertools.product(*options):
            yield Combination(audience, dict(zip(question_ids, chosen, strict=True)))


def every_outcome(checklist: Checklist) -> Iterator[Outcome]:
    for combination in every_combination(checklist):
        blocks = guidance_for(checklist, combination.audience, combination.answers)
        yield Outcome(combination, tuple(blocks))


def count_of_combinations(checklist: Checklist) -> int:
    count = len(checklist.audience_ids)
    for question in checklist.questions:
        count *= len(checklist.options_for(question))
    return count


def age_groups(checklist: Checklist) -> dict[tuple[str, str], AgeGroup]:
    """(question id, answer id) → what that answer says about the person's age."""
    return {
        (question.id, option.id): option.age_group
        for question in checklist.questions
        for option in checklist.options_for(question)
        if option.age_group is not None
    }


def age_group_of(
    combination: Combination, groups: dict[tuple[str, str], AgeGroup]
) -> AgeGroup | None:
    """What the answers say about the age of the person at risk (`groups` from
    `age_groups`): "child" if any answer says so, else "unknown" if any answer leaves it
    open, else "adult", or None when no answer says."""
    found = {groups.get(item) for item in combination.answers.items()}
    for group in ("child", "unknown", "adult"):
        if group in found:
            return group
    return None


def in_plain_words(checklist: Checklist, combination: Combination) -> str:
    """ "someone else, age under 18, signs: appearance=yes, behaviour=not sure, …" """
    parts = [_words(combination.audience)]
    signs = []
    for question in checklist.questions:
        answer = _words(combination.answers[question.id])
        if question.kind == "sign":
            signs.append(f"{question.id}={answer}")
        else:
            parts.append(f"{_words(question.id)} {answer}")
    if signs:
        parts.append("signs: " + ", ".join(signs))
    return ", ".join(parts)


def _words(identifier: str) -> str:
    return identifier.replace("_", " ")
