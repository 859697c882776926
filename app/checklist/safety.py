"""The checklist's safety rules, proven for every combination of audience and answers.

Read from the file's own markers, never from its wording: the emergency contact,
`adults_only` and `for_children` contacts, `anonymous` and `confidential` (true, false or
with_exceptions), texts' `promises`, and answers' `age_group`. A fault names the place in
the file to change and, in plain words, a combination that shows the problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .combinations import Combination, Outcome, age_group_of, every_outcome, in_plain_words
from .faults import Fault
from .schema import Checklist

CHILD_ROUTES = ("child", "unknown")  # the person at risk is, or may be, under 18


@dataclass
class _Finding:
    combinations: list[Combination] = field(default_factory=list)


def safety_faults(checklist: Checklist) -> list[Fault]:
    """Every unsafe outcome, grouped by place and problem, in the file's order."""
    if not any(
        option.age_group == "child"
        for answer_set in checklist.answer_sets
        for option in answer_set.options
    ):
        return [
            Fault(
                ("answer_sets",),
                "no answer is marked `age_group: child`, so the checks cannot tell which "
                "people may be under 18: mark the answer that means under 18",
            )
        ]
    findings: dict[tuple[tuple, str], _Finding] = {}
    total = 0
    for outcome in every_outcome(checklist):
        total += 1
        for location, problem in _problems(checklist, outcome):
            findings.setdefault((location, problem), _Finding()).combinations.append(
                outcome.combination
            )
    return [
        Fault(location, _with_examples(checklist, problem, finding.combinations, total))
        for (location, problem), finding in findings.items()
    ]


def _problems(checklist: Checklist, outcome: Outcome) -> Iterable[tuple[tuple, str]]:
    shown = outcome.contacts
    emergency = checklist.emergency_contact
    age = age_group_of(checklist, outcome.combination)
    may_be_a_child = age in CHILD_ROUTES

    if all(contact.id != emergency for contact in shown):
        yield ("emergency_contact",), f"no rule shows the emergency contact '{emergency}'"

    others = [c for c in shown if c.id != emergency and not (may_be_a_child and c.adults_only)]
    if not others:
        yield ("rules",), "no contact is shown besides the emergency number"

    if may_be_a_child and not any(contact.for_children for contact in shown):
        yield (
            ("rules",),
            "the person may be under 18, but no contact marked `for_children` is shown",
        )

    if age == "child":
        for index, rule in enumerate(checklist.rules):
            block = next((b for b in outcome.blocks if b.rule is rule), None)
            if block is None:
                continue
            for position, contact_id in enumerate(rule.contacts):
                if checklist.contact(contact_id).adults_only and any(
                    c.id == contact_id for c in block.contacts
                ):
                    yield (
                        ("rules", index, "contacts", position),
                        f"'{contact_id}' is marked `adults_only`, but this is a child's route",
                    )

    if may_be_a_child:
        yield from _promises_a_child_must_not_hear(checklist, outcome)


def _promises_a_child_must_not_hear(
    checklist: Checklist, outcome: Outcome
) -> Iterable[tuple[tuple, str]]:
    """A service that passes details on when a child is involved must not be said to keep
    a child's (or a reporter's about a child) identity or words, without that exception."""
    rule_positions = {rule.id: index for index, rule in enumerate(checklist.rules)}
    contact_positions = {contact.id: index for index, contact in enumerate(checklist.contacts)}
    for block in outcome.blocks:
        for position, promise in enumerate(block.rule.promises):
            kept = checklist.contact(promise.by).keeps(promise.kind)
            if kept is not True:
                yield (
                    ("rules", rule_positions[block.rule.id], "promises", position),
                    f"the text promises {promise.kind} by '{promise.by}' to someone who may "
                    f"be a child or reporting a child, but '{promise.by}' keeps it only "
                    "with exceptions: say when they pass details on, and remove the promise",
                )
    for contact in outcome.contacts:
        for position, promise in enumerate(contact.promises):
            if contact.keeps(promise) is not True:
                yield (
                    ("contacts", contact_positions[contact.id], "promises", position),
                    f"the description promises {promise} to someone who may be a child or "
                    f"reporting a child, but '{contact.id}' keeps it only with exceptions: "
                    "say when they pass details on, and remove the promise",
                )


def _with_examples(
    checklist: Checklist, problem: str, combinations: list[Combination], total: int
) -> str:
    count = len(combinations)
    where = (
        f"in 1 of {total:,} combinations: {in_plain_words(checklist, combinations[0])}"
        if count == 1
        else f"in {count:,} of {total:,} combinations, for example: "
        f"{in_plain_words(checklist, combinations[0])}"
    )
    return f"{problem} ({where})"
