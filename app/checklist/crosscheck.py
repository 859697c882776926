"""Checks that need the whole checklist: unique ids and references between its parts."""

from __future__ import annotations

from collections.abc import Iterator

from .faults import Fault
from .pictures import picture_names
from .schema import Checklist, Condition, Question

ID_LISTS = ("audiences", "answer_sets", "questions", "contacts", "rules")


def cross_check(checklist: Checklist) -> list[Fault]:
    return [
        *_default_language_is_listed(checklist),
        *_source_language_is_listed(checklist),
        *_languages_awaiting_review_are_listed(checklist),
        *_reviewed_languages_are_listed(checklist),
        *_ids_are_unique(checklist),
        *_questions_use_known_answer_sets(checklist),
        *_rules_name_known_things(checklist),
        *_emergency_contact_can_be_called(checklist),
        *_promises_are_ones_the_service_makes(checklist),
        *_pictures_exist(checklist),
    ]


def _pictures_exist(checklist: Checklist) -> Iterator[Fault]:
    available = picture_names()
    for index, question in enumerate(checklist.questions):
        if question.picture is not None and question.picture.name not in available:
            yield Fault(
                ("questions", index, "picture", "name"),
                f"there is no picture '{question.picture.name}' "
                f"(pictures: {', '.join(sorted(available))})",
            )


def _default_language_is_listed(checklist: Checklist) -> Iterator[Fault]:
    if checklist.default_language not in checklist.languages:
        yield Fault(
            ("default_language",),
            f"'{checklist.default_language}' is not one of `languages` "
            f"({', '.join(checklist.languages)})",
        )


def _source_language_is_listed(checklist: Checklist) -> Iterator[Fault]:
    if checklist.source_language and checklist.source_language not in checklist.languages:
        yield Fault(
            ("source_language",),
            f"'{checklist.source_language}' is not one of `languages` "
            f"({', '.join(checklist.languages)})",
        )


def _reviewed_languages_are_listed(checklist: Checklist) -> Iterator[Fault]:
    for code in checklist.native_review or {}:
        if code not in checklist.languages:
            yield Fault(
                ("native_review", code),
                f"'{code}' is not one of `languages` ({', '.join(checklist.languages)})",
            )


def _languages_awaiting_review_are_listed(checklist: Checklist) -> Iterator[Fault]:
    seen = set()
    for position, code in enumerate(checklist.awaiting_native_speaker_review):
        location = ("awaiting_native_speaker_review", position)
        if code not in checklist.languages:
            yield Fault(
                location, f"'{code}' is not one of `languages` ({', '.join(checklist.languages)})"
            )
        elif code in seen:
            yield Fault(location, f"'{code}' is listed twice")
        seen.add(code)


def _ids_are_unique(checklist: Checklist) -> Iterator[Fault]:
    for list_name in ID_LISTS:
        yield from _duplicates(getattr(checklist, list_name), (list_name,))
    for set_index, answer_set in enumerate(checklist.answer_sets):
        yield from _duplicates(answer_set.options, ("answer_sets", set_index, "options"))


def _duplicates(items, location: tuple) -> Iterator[Fault]:
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in first_seen:
            yield Fault(
                (*location, index, "id"),
                f"the id '{item.id}' is already used by item {first_seen[item.id] + 1}",
            )
        else:
            first_seen[item.id] = index


def _emergency_contact_can_be_called(checklist: Checklist) -> Iterator[Fault]:
    contact_ids = [contact.id for contact in checklist.contacts]
    if checklist.emergency_contact not in contact_ids:
        yield Fault(
            ("emergency_contact",),
            f"there is no contact '{checklist.emergency_contact}' "
            f"(contacts: {', '.join(contact_ids)})",
        )
    elif checklist.contact(checklist.emergency_contact).phone is None:
        yield Fault(("emergency_contact",), "the emergency contact has no phone number")


def _questions_use_known_answer_sets(checklist: Checklist) -> Iterator[Fault]:
    known = [answer_set.id for answer_set in checklist.answer_sets]
    for index, question in enumerate(checklist.questions):
        if question.answers not in known:
            yield Fault(
                ("questions", index, "answers"),
                f"there is no answer set '{question.answers}' (answer sets: {', '.join(known)})",
            )


def _rules_name_known_things(checklist: Checklist) -> Iterator[Fault]:
    contact_ids = [contact.id for contact in checklist.contacts]
    for index, rule in enumerate(checklist.rules):
        for position, contact_id in enumerate(rule.contacts):
            if contact_id not in contact_ids:
                yield Fault(
                    ("rules", index, "contacts", position),
                    f"there is no contact '{contact_id}' (contacts: {', '.join(contact_ids)})",
                )
        yield from _condition_names_known_things(checklist, rule.when, ("rules", index, "when"))
        yield from _sign_answers_exist(
            checklist, rule.list_noticed, ("rules", index, "list_noticed")
        )
        for position, promise in enumerate(rule.promises):
            if promise.by not in contact_ids:
                yield Fault(
                    ("rules", index, "promises", position, "by"),
                    f"there is no contact '{promise.by}' (contacts: {', '.join(contact_ids)})",
                )


def _condition_names_known_things(
    checklist: Checklist, condition: Condition, location: tuple
) -> Iterator[Fault]:
    audience_ids = checklist.audience_ids
    for position, audience_id in enumerate(condition.audience or ()):
        if audience_id not in audience_ids:
            yield Fault(
                (*location, "audience", position),
                f"there is no audience '{audience_id}' (audiences: {', '.join(audience_ids)})",
            )

    for question_id, answer_ids in (condition.answers or {}).items():
        question = checklist.question(question_id)
        if question is None:
            known = ", ".join(q.id for q in checklist.questions)
            yield Fault(
                (*location, "answers", question_id),
                f"there is no question '{question_id}' (questions: {known})",
            )
            continue
        options = _option_ids(checklist, question)
        if options is None:
            continue  # the unknown answer set is reported against the question itself
        for position, answer_id in enumerate(answer_ids):
            if answer_id not in options:
                yield Fault(
                    (*location, "answers", question_id, position),
                    f"the question '{question_id}' has no answer '{answer_id}' "
                    f"(its answers: {', '.join(options)})",
                )

    if condition.signs_answered is not None:
        yield from _sign_answers_exist(
            checklist, condition.signs_answered.answers, (*location, "signs_answered", "answers")
        )

    for position, alternative in enumerate(condition.any_of or ()):
        yield from _condition_names_known_things(
            checklist, alternative, (*location, "any_of", position)
        )


def _sign_answers_exist(
    checklist: Checklist, answer_ids: tuple[str, ...], location: tuple
) -> Iterator[Fault]:
    sign_answers = {
        option_id for sign in checklist.signs for option_id in _option_ids(checklist, sign) or ()
    }
    for position, answer_id in enumerate(answer_ids):
        if answer_id not in sign_answers:
            yield Fault(
                (*location, position),
                f"no sign question has the answer '{answer_id}' "
                f"(sign answers: {', '.join(sorted(sign_answers)) or 'none'})",
            )


def _option_ids(checklist: Checklist, question: Question) -> list[str] | None:
    """The answer ids a question offers, or None when its answer set does not exist."""
    for answer_set in checklist.answer_sets:
        if answer_set.id == question.answers:
            return [option.id for option in answer_set.options]
    return None


def _promises_are_ones_the_service_makes(checklist: Checklist) -> Iterator[Fault]:
    """A text may promise anonymity or confidentiality only for a service that offers it;
    where the service offers it only with exceptions, `safety` checks who may be told."""
    contact_ids = {contact.id for contact in checklist.contacts}
    for index, contact in enumerate(checklist.contacts):
        for position, promise in enumerate(contact.promises):
            if contact.keeps(promise) is False:
                yield Fault(
                    ("contacts", index, "promises", position),
                    f"the description promises {promise}, but the contact is marked "
                    f"`{_MARKER[promise]}: false`",
                )
    for index, rule in enumerate(checklist.rules):
        for position, promise in enumerate(rule.promises):
            if (
                promise.by in contact_ids
                and checklist.contact(promise.by).keeps(promise.kind) is False
            ):
                yield Fault(
                    ("rules", index, "promises", position),
                    f"the text promises {promise.kind} by '{promise.by}', which is marked "
                    f"`{_MARKER[promise.kind]}: false`",
                )


_MARKER = {"anonymity": "anonymous", "confidentiality": "confidential"}
