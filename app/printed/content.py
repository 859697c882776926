"""What a printed piece says, chosen from the checklist: the same facts the check gives.

Printed matter cannot be corrected once it is handed out, and anyone may read it: a child,
or a person whose exploiter finds it. So it carries only what the guidance itself tells
every person whatever their answers (the emergency number, and the contacts every outcome
shows), plus the services a person can always stay anonymous with, said only of a service
that keeps anonymity without exception (`anonymous: true`), as the guidance page does.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checklist import Checklist, Contact, Question
from ..checklist.combinations import every_outcome


@dataclass(frozen=True)
class PrintedContact:
    contact: Contact
    # Only when the service keeps it always: a "with_exceptions" service is never printed
    # as anonymous, because a poster cannot say to whom the exceptions apply.
    always_anonymous: bool


@dataclass(frozen=True)
class PrintedContent:
    """Everything a piece shows, in the checklist's own objects (texts in every language)."""

    checklist: Checklist
    # The signs in the words the check asks them of its first audience (UK: someone else,
    # Kent Police's wording): a poster speaks to whoever passes by.
    signs: tuple[Question, ...]
    audience: str
    emergency: Contact
    contacts: tuple[PrintedContact, ...]


def printed_content(checklist: Checklist) -> PrintedContent:
    shown = [*contacts_for_everyone(checklist)]
    shown += [c for c in always_anonymous(checklist) if c not in shown]
    return PrintedContent(
        checklist=checklist,
        signs=checklist.signs,
        audience=checklist.audience_ids[0],
        emergency=checklist.emergency,
        contacts=tuple(PrintedContact(c, c.anonymous is True) for c in shown),
    )


def contacts_for_everyone(checklist: Checklist) -> tuple[Contact, ...]:
    """The contacts the guidance shows whatever a person answers, in the order it shows
    them, apart from the emergency contact (which every piece shows on its own)."""
    outcomes = every_outcome(checklist)
    first = next(outcomes)
    common = {contact.id for contact in first.contacts}
    for outcome in outcomes:
        common &= {contact.id for contact in outcome.contacts}
    return tuple(
        contact
        for contact in first.contacts
        if contact.id in common and contact.id != checklist.emergency_contact
    )


def always_anonymous(checklist: Checklist) -> tuple[Contact, ...]:
    """The services a person can always stay anonymous with, that help people of any age
    (a child may read a poster too), in the file's order."""
    return tuple(c for c in checklist.contacts if c.anonymous is True and not c.adults_only)


def notes_before_printing(checklist: Checklist, languages: list[str]) -> list[str]:
    """What to settle before printing in `languages`: a printed piece cannot be corrected
    once it is handed out, so every contact on it and every translation must be right."""
    content = printed_content(checklist)
    printed = [content.emergency, *(shown.contact for shown in content.contacts)]
    notes = [
        f"confirm contact '{contact.id}' before printing: {contact.confirm_before_use}"
        for contact in printed
        if contact.confirm_before_use
    ]
    notes.extend(
        f"'{code}' is awaiting review by a native speaker who knows the subject "
        "(`awaiting_native_speaker_review`): have its texts reviewed before printing them"
        for code in languages
        if code in checklist.awaiting_native_speaker_review
    )
    return notes
