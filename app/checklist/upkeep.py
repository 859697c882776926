"""What keeps a valid checklist true over time: contacts checked against their sources
recently enough, and translations made from the source texts as they are now.

Neither is a fault (the file still works), so they are notes: start-up and `flask checklist
validate` warn, and `validate --strict` refuses. Today's date is given, never read here, so
that a test or an editor can ask how the file stands on any day.
"""

from __future__ import annotations

from datetime import date

from .fingerprints import fingerprint
from .schema import Checklist
from .texts import every_text


def contacts_to_recheck(checklist: Checklist, today: date) -> list[str]:
    """One note per contact last checked longer ago than the file allows (or, by mistake,
    after `today`), naming the contact and the source to check it against."""
    period = checklist.contacts_checked_within_days
    notes = []
    for contact in checklist.contacts:
        name = contact.name[checklist.source]
        age = (today - contact.checked).days
        if age > period:
            notes.append(
                f"re-check contact '{contact.id}' ({name}) against its source, "
                f"{contact.source}: it was last checked on {contact.checked.isoformat()}, "
                f"{age} days ago, and this file asks for every {period} days; then set its "
                "`checked` to the day you checked it"
            )
        elif age < 0:
            notes.append(
                f"contact '{contact.id}' ({name}) says it was checked on "
                f"{contact.checked.isoformat()}, after today ({today.isoformat()}): set "
                "`checked` to the day it was checked against its source"
            )
    return notes


def stale_translations(checklist: Checklist) -> list[str]:
    """One note per text whose source has changed since some of its translations were made,
    naming the place, the languages and what pages show until they are updated."""
    source = checklist.source
    notes = []
    for placed in every_text(checklist):
        stale = placed.text.stale
        if not stale:
            continue
        languages = ", ".join(f"'{code}'" for code in stale)
        shown = (
            f"pages show the '{source}' text instead (a safety text)"
            if placed.safety
            else "pages show the out-of-date translation"
        )
        several = len(stale) > 1
        notes.append(
            f"update the {languages} translation{'s' if several else ''} of "
            f"{placed.place}: the '{source}' text has changed since "
            f"{'they were' if several else 'it was'} made "
            f"(`flask checklist translation-sheet {stale[0]} --stale`), or, if "
            f"{'they still say' if several else 'it still says'} what it says, set "
            f"{'their' if several else 'its'} `translated_from` to "
            f"{fingerprint(placed.text.source)}; until then {shown}"
        )
    return notes


def before_going_live(checklist: Checklist, today: date) -> list[str]:
    """Everything start-up and `validate` warn about in the file, one sentence each:
    placeholders and reviews still to do, then contacts to re-check and stale translations."""
    return [
        *checklist.to_confirm_before_deployment,
        *contacts_to_recheck(checklist, today),
        *stale_translations(checklist),
    ]
