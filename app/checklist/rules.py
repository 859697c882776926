"""The checklist's rules applied to one combination of audience and answers.

Plain functions over the checklist's data, with no request or session: the guidance page
uses them for one person, and `combinations` for every possible person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .schema import Checklist, Condition, Contact, Question, Rule


@dataclass(frozen=True)
class GuidanceBlock:
    rule: Rule
    contacts: tuple[Contact, ...]
    noticed: tuple[Question, ...]


def guidance_for(
    checklist: Checklist, audience: str, answers: Mapping[str, str]
) -> list[GuidanceBlock]:
    # Looked up once: the checklist's private lookups cost a little on every access, and
    # `combinations` applies the rules to every combination of answers at start-up.
    signs = checklist.signs
    contacts = checklist.contacts_by_id
    blocks = []
    shown: set[str] = set()
    for rule in checklist.rules:
        if not _holds(rule.when, audience, answers, signs):
            continue
        # A contact named by two rules that both apply is shown once, where it comes first.
        new_contacts = [contact_id for contact_id in rule.contacts if contact_id not in shown]
        shown.update(new_contacts)
        blocks.append(
            GuidanceBlock(
                rule=rule,
                contacts=tuple(contacts[contact_id] for contact_id in new_contacts),
                noticed=tuple(sign for sign in signs if answers.get(sign.id) in rule.list_noticed)
                if rule.list_noticed
                else (),
            )
        )
    return blocks


def _holds(
    condition: Condition, audience: str, answers: Mapping[str, str], signs: tuple[Question, ...]
) -> bool:
    if condition.audience is not None and audience not in condition.audience:
        return False
    if condition.answers is not None:
        for question_id, accepted in condition.answers.items():
            if answers.get(question_id) not in accepted:
                return False
    if condition.signs_answered is not None:
        count = condition.signs_answered
        matching = sum(1 for sign in signs if answers.get(sign.id) in count.answers)
        if count.at_least is not None and matching < count.at_least:
            return False
        if count.at_most is not None and matching > count.at_most:
            return False
    if condition.any_of is not None:
        return any(_holds(option, audience, answers, signs) for option in condition.any_of)
    return True
