"""The checklist's safety rules, proven for every combination of audience and answers.

Read from the file's own markers, never from its wording: the emergency contact,
`adults_only` and `for_children` contacts, `anonymous` and `confidential` (true, false or
with_exceptions), texts' `promises`, and answers' `age_group`. A fault names the place in
the file to change and, in plain words, a combination that shows the problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .combinations import (
    Combination,
    Outcome,
    age_group_of,
    age_groups,
    every_outcome,
    in_plain_words,
)
from .faults import Fault
from .schema import AgeGroup, Checklist, Contact

CHILD_ROUTES = ("child", "unknown")  # the person at risk is, or may be, under 18


@dataclass(frozen=True)
class _Facts:
    """Looked up once for the whole enumeration, not once per combination."""

    emergency: str
    age_groups: Mapping[tuple[str, str], AgeGroup]
    contacts: Mapping[str, Contact]
    rule_positions: Mapping[str, int]
    contact_positions: Mapping[str, int]


def safety_faults(checklist: Checklist) -> list[Fault]:
    """Every unsafe outcome, grouped by place and problem, in the order first found."""
    groups = age_groups(checklist)
    if "child" not in groups.values():
        return [
            Fault(
                ("answer_sets",),
                "no answer is marked `age_group: child`, so the checks cannot tell which "
                "people may be under 18: mark the answer that means under 18",
            )
        ]
    facts = _Facts(
        emergency=checklist.emergency_contact,
        age_groups=groups,
        contacts=checklist.contacts_by_id,
        rule_positions={rule.id: index for index, rule in enumerate(checklist.rules)},
        contact_positions={contact.id: index for index, contact in enumerate(checklist.contacts)},
    )
    findings: dict[tuple[tuple, str], list[Combination]] = {}
    total = 0
    for outcome in every_outcome(checklist):
        total += 1
        for location, problem in _problems(facts, outcome):
            findings.setdefault((location, problem), []).append(outcome.combination)
    return [
        Fault(location, _with_examples(checklist, problem, combinations, total))
        for (location, problem), combinations in findings.items()
    ]


def _problems(facts: _Facts, outcome: Outcome) -> Iterable[tuple[tuple, str]]:
    shown = outcome.contacts
    age = age_group_of(outcome.combination, facts.age_groups)
    may_be_a_child = age in CHILD_ROUTES

    if all(contact.id != facts.emergency for contact in shown):
        yield ("emergency_contact",), f"no rule shows the emergency contact '{facts.emergency}'"

    others = [
        c for c in shown if c.id != facts.emergency and not (may_be_a_child and c.adults_only)
    ]
    if not others:
        yield ("rules",), "no contact is shown besides the emergency number"

    if may_be_a_child and not any(contact.for_children for contact in shown):
        yield (
            ("rules",),
            "the person may be under 18, but no contact marked `for_children` is shown",
        )

    if age == "child":
        for block in outcome.blocks:
            for contact in block.contacts:
                if contact.adults_only:
                    position = block.rule.contacts.index(contact.id)
                    yield (
                        ("rules", facts.rule_positions[block.rule.id], "contacts", position),
                        f"'{contact.id}' is marked `adults_only`, but this is a child's route",
                    )

    if may_be_a_child:
        yield from _promises_a_child_must_not_hear(facts, outcome)


def _promises_a_child_must_not_hear(facts: _Facts, outcome: Outcome) -> Iterable[tuple[tuple, str]]:
    """A service that passes details on when a child is involved must not be said to keep
    a child's (or a reporter's about a child) identity or words, without that exception."""
    for block in outcome.blocks:
        for position, promise in enumerate(block.rule.promises):
            if facts.contacts[promise.by].keeps(promise.kind) is not True:
                yield (
                    ("rules", facts.rule_positions[block.rule.id], "promises", position),
                    f"the text promises {promise.kind} by '{promise.by}' to someone who may "
                    f"be a child or reporting a child, but '{promise.by}' keeps it only "
                    "with exceptions: say when they pass details on, and remove the promise",
                )
    for contact in outcome.contacts:
        for position, promise in enumerate(contact.promises):
            if contact.keeps(promise) is not True:
                yield (
                    ("contacts", facts.contact_positions[contact.id], "promises", position),
                    f"the description promises {promise} to someone who may be a child or "
                    f"reporting a child, but '{contact.id}' keeps it only with exceptions: "
                    "say when they pass details on, and remove the promise",
                )


def _with_examples(
    checklist: Checklist, problem: str, combinations: list[Combination], total: int
) -> str:
    count = len(combinations)
    example = in_plain_words(checklist, combinations[0])
    if count == 1:
        return f"{problem} (in 1 of {total:,} combinations: {example})"
    return f"{problem} (in {count:,} of {total:,} combinations, for example: {example})"
