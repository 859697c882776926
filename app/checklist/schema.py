"""The shape of a checklist file, as frozen pydantic models.

Lists become tuples and maps become read-only views, so the objects handed to the app
cannot be changed by accident. Checks that need the whole file (languages, audiences) read
them from the validation context; references between parts are checked in `crosscheck`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    WrapValidator,
    model_validator,
)

from .texts import every_text
from .translated_text import with_translation_records

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
PHONE_NUMBER = re.compile(r"^\+?\d(?:[\d ]*\d)?$")
EMAIL_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _identifier(value: str) -> str:
    if not IDENTIFIER.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use lower-case letters, digits and underscores, "
            "starting with a letter"
        )
    return value


def _language_code(value: str) -> str:
    if not LANGUAGE_CODE.match(value):
        raise ValueError(f"{value!r} is not a language code such as 'en', 'ro' or 'pt_BR'")
    return value


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("the text is empty")
    return value.strip()


def _phone_number(value: str) -> str:
    if not PHONE_NUMBER.match(value):
        raise ValueError(
            f"{value!r} is not a phone number: use digits and spaces only, with an optional "
            "leading +"
        )
    return value


def _https_address(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(f"{value!r} is not a web address starting with https://")
    return value


def _email_address(value: str) -> str:
    if not EMAIL_ADDRESS.match(value):
        raise ValueError(f"{value!r} is not an email address")
    return value


def _read_only(value: dict) -> Mapping:
    return MappingProxyType(value)


def _complete_in_every_language(value: Mapping[str, str], info: ValidationInfo) -> Mapping:
    languages = (info.context or {}).get("languages")
    if languages:
        _require_exactly(
            value,
            languages,
            missing="the text has no translation for {}",
            unknown="{} is not among the checklist's languages (" + ", ".join(languages) + ")",
        )
    return MappingProxyType(value)


def _one_wording_per_audience(value: Mapping[str, Mapping], info: ValidationInfo) -> Mapping:
    audiences = (info.context or {}).get("audiences")
    if audiences:
        _require_exactly(
            value,
            audiences,
            missing="there is no wording for the audience {}",
            unknown="{} is not an audience id (the audiences are " + ", ".join(audiences) + ")",
        )
    return MappingProxyType(value)


def _require_exactly(value: Mapping, expected: list[str], missing: str, unknown: str) -> None:
    problems = []
    absent = [key for key in expected if key not in value]
    extra = [key for key in value if key not in expected]
    if absent:
        problems.append(missing.format(_listed(absent)))
    if extra:
        problems.append(unknown.format(_listed(extra)))
    if problems:
        raise ValueError("; ".join(problems))


def _listed(items: list[str]) -> str:
    quoted = [f"'{item}'" for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _fits_in_a_title(most: int):
    """A text that goes into every page's title, which a screen reader reads out in full on
    each page: at most `most` characters in every language (spaces run together count as one,
    as browsers show them)."""

    def check(value: Mapping[str, str]) -> Mapping[str, str]:
        too_long = {code: len(" ".join(text.split())) for code, text in value.items()}
        too_long = {code: length for code, length in too_long.items() if length > most}
        if too_long:
            raise ValueError(
                "; ".join(
                    f"the '{code}' text is {length} characters long, but at most {most} fit "
                    "in a page's title (docs/content-editors.md, 'Page titles')"
                    for code, length in too_long.items()
                )
            )
        return value

    return check


Identifier = Annotated[str, AfterValidator(_identifier)]
LanguageCode = Annotated[str, AfterValidator(_language_code)]
NonBlankText = Annotated[str, AfterValidator(_non_blank)]
PhoneNumber = Annotated[str, AfterValidator(_phone_number)]
HttpsAddress = Annotated[str, AfterValidator(_https_address)]
EmailAddress = Annotated[str, AfterValidator(_email_address)]

# A text in every language of the checklist: {"en": "...", "ro": "..."}, and for each
# translation the fingerprint of the source text it was made from (`translated_from`).
Text = Annotated[
    dict[LanguageCode, NonBlankText],
    AfterValidator(_complete_in_every_language),
    WrapValidator(with_translation_records),
]
# A text worded for each audience: {"someone_else": {"en": ...}, "myself": {"en": ...}}.
TextPerAudience = Annotated[dict[Identifier, Text], AfterValidator(_one_wording_per_audience)]


# What counts as a safety text. A person acts on these: who to call, what a service will do
# with what they say, what to do in danger, and the age that decides whether the guidance is
# a child's. An out-of-date translation of one can send a person the wrong way, which is worse
# than reading it in the source language: when its source text changes, pages show the source
# text (marked as that language, with a note) until the translation is updated. Other stale
# translations stay shown, and are warned about, like these, by start-up and `validate`.
#
# Each part of the file says below whether its texts are safety texts (`holds_safety_texts`),
# from what it is, never from its id; every text inside such a part is one:
#   - every rule: the guidance, its headings and texts (`Rule`);
#   - every contact: its name, hours and description, the emergency contact's included
#     (`Contact`);
#   - the question whose answers say the person's age (`age_group`), with its answers and
#     their error message (`Question`, `AnswerSet`).
# The exit's and the safety pages' own words are interface messages, in the catalogues:
# `pybabel update` marks a changed one fuzzy and the compiled catalogue then leaves it out,
# so it is shown in English too.


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def holds_safety_texts(self, checklist: Checklist) -> bool:
        """Whether every text in this part is a safety text (see above)."""
        return False


class Audience(Frozen):
    id: Identifier
    label: Text


# What an answer says about the age of the person at risk. The safety checks read it: a
# "child" answer is a child's route, and "unknown" may be one.
AgeGroup = Literal["child", "adult", "unknown"]

# What a text can promise about a service: that a person can stay anonymous, or that what
# they say stays confidential. Only unconditional promises are marked; a text that also
# says when the service passes details on promises nothing unconditionally.
Promise = Literal["anonymity", "confidentiality"]

# How far a service keeps a caller's identity or words to itself: always (true), never
# (false), or except in cases it names, such as a child at risk (with_exceptions).
Discretion = Literal[True, False, "with_exceptions"]


class AnswerOption(Frozen):
    id: Identifier
    label: Text
    age_group: AgeGroup | None = None


class AnswerSet(Frozen):
    id: Identifier
    options: tuple[AnswerOption, ...] = Field(min_length=2)
    error: Text

    @property
    def says_age(self) -> bool:
        return any(option.age_group is not None for option in self.options)

    def holds_safety_texts(self, checklist: Checklist) -> bool:
        # Answers about age decide whether the guidance is a child's.
        return self.says_age


class Picture(Frozen):
    """A pictogram shown beside a question and its line under "What you noticed"."""

    name: Identifier  # a drawing in templates/pictures/, without ".svg"
    # What the picture shows, for people who cannot see it; or `decorative: true` when the
    # text beside it says all it says, so screen readers skip it.
    description: Text | None = None
    decorative: bool = False

    @model_validator(mode="after")
    def _described_or_decorative(self) -> Picture:
        if (self.description is None) == (not self.decorative):
            raise ValueError(
                "a picture needs either a `description` in every language or "
                "`decorative: true`, not both"
            )
        return self


class Question(Frozen):
    id: Identifier
    kind: Literal["sign", "context"]
    answers: Identifier
    question: TextPerAudience
    hint: TextPerAudience | None = None
    error: TextPerAudience | None = None
    noticed: TextPerAudience | None = None
    picture: Picture | None = None

    def holds_safety_texts(self, checklist: Checklist) -> bool:
        # The question about age: its answer decides whether the guidance is a child's.
        answer_set = checklist.answer_sets_by_id.get(self.answers)
        return answer_set is not None and answer_set.says_age

    @model_validator(mode="after")
    def _signs_say_what_was_noticed(self) -> Question:
        if self.kind == "sign" and self.noticed is None:
            raise ValueError(
                "a sign needs `noticed`: how it is listed under 'What you noticed' when "
                "answered yes"
            )
        return self


class Reachable(Frozen):
    """Something a person can get in touch with: by phone, on the web or by email."""

    phone: PhoneNumber | None = None
    web: HttpsAddress | None = None
    email: EmailAddress | None = None

    @model_validator(mode="after")
    def _reachable_somehow(self) -> Reachable:
        if not (self.phone or self.web or self.email):
            raise ValueError("give at least one of `phone`, `web` or `email`")
        return self


class Contact(Reachable):
    id: Identifier
    name: Text
    text_relay: PhoneNumber | None = None
    hours: Text | None = None
    anonymous: Discretion
    confidential: Discretion = False
    # Only for people 18 or over: never shown on a child's route.
    adults_only: bool = False
    # Made for a child's situation: every route where the person may be under 18 shows one.
    for_children: bool = False
    description: Text
    # What `description` promises, unconditionally, on this service's behalf.
    promises: tuple[Promise, ...] = ()
    source: HttpsAddress
    # The day the details were last checked against `source` (a YAML date, 2026-11-28).
    # Start-up and `flask checklist validate` warn once it is older than the file's
    # `contacts_checked_within_days`.
    checked: date
    # Set while a detail is only partly verified: what an operator must confirm, and how.
    # `flask checklist validate` and start-up say so until it is removed.
    confirm_before_use: NonBlankText | None = None

    def holds_safety_texts(self, checklist: Checklist) -> bool:
        return True

    def keeps(self, promise: Promise) -> Discretion:
        """Whether this service keeps what `promise` is about: always, never or with exceptions."""
        return self.anonymous if promise == "anonymity" else self.confidential


class SignCount(Frozen):
    answers: tuple[Identifier, ...] = Field(min_length=1)
    at_least: int | None = Field(default=None, ge=0)
    at_most: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _has_a_sensible_bound(self) -> SignCount:
        if self.at_least is None and self.at_most is None:
            raise ValueError("give `at_least`, `at_most` or both")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError("`at_least` is larger than `at_most`, so the rule never applies")
        return self


class Condition(Frozen):
    audience: tuple[Identifier, ...] | None = Field(default=None, min_length=1)
    answers: (
        Annotated[dict[Identifier, tuple[Identifier, ...]], AfterValidator(_read_only)] | None
    ) = None
    signs_answered: SignCount | None = None
    any_of: tuple[Condition, ...] | None = Field(default=None, min_length=1)


class RulePromise(Frozen):
    """A promise a rule's text makes, unconditionally, on behalf of a contact (`by`)."""

    kind: Promise
    by: Identifier


class Rule(Frozen):
    id: Identifier
    when: Condition = Condition()
    style: Literal["normal", "warning"] = "normal"
    heading: Text
    text: Text | None = None
    promises: tuple[RulePromise, ...] = ()
    contacts: tuple[Identifier, ...] = ()
    # The signs answered with any of these answers are listed, to tell the service.
    list_noticed: tuple[Identifier, ...] = ()

    def holds_safety_texts(self, checklist: Checklist) -> bool:
        return True


class Regulator(Frozen):
    name: Text
    web: HttpsAddress


class Organisation(Frozen):
    """Who runs the service, and what its accessibility statement, privacy notice and
    cookies page must say about them. Law differs by country, so it is content too."""

    name: Text
    # Where people report an accessibility problem, and ask about their data.
    accessibility_contact: Reachable
    data_protection_contact: Reachable
    # The law the accessibility statement is made under, and how it is enforced.
    accessibility_law: Text
    accessibility_enforcement: Text
    # When and by whom the service was last tested for accessibility (a YAML date).
    accessibility_last_tested: date
    accessibility_tested_by: Text
    # Where a person can complain about the use of their data.
    data_protection_regulator: Regulator
    # What the hosting and its logs can still see: the operator's own honest account.
    hosting_logs: Text
    # Set while any of the above are placeholders; start-up warns until it is removed.
    confirm_before_use: NonBlankText | None = None


class NativeReview(Frozen):
    """A native speaker's review of one language, recorded by `flask checklist apply-review`:
    how many texts (the file's and the interface's) they approved as they were, corrected,
    and left open (queried, or not yet reviewed). None open: the language is signed off."""

    reviewer: NonBlankText
    date: date
    approved: int = Field(ge=0)
    corrected: int = Field(ge=0)
    open: int = Field(ge=0)


class Checklist(Frozen):
    schema_version: Literal[1]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    languages: tuple[LanguageCode, ...] = Field(min_length=1)
    default_language: LanguageCode
    # The language the texts are written in and translated from; `default_language` if not
    # given. Each translation records the fingerprint of the text it was made from.
    source_language: LanguageCode | None = None
    # Languages whose texts (and interface catalogue) no native speaker who knows the subject
    # has reviewed yet. Accepted so that a draft can be tried, but never silently: start-up
    # and `flask checklist validate` warn about each until it is removed from the list.
    awaiting_native_speaker_review: tuple[LanguageCode, ...] = ()
    # Each language's native reviews, oldest first (`flask checklist apply-review`).
    native_review: (
        Annotated[dict[LanguageCode, tuple[NativeReview, ...]], AfterValidator(_read_only)] | None
    ) = None
    # How old a contact's `checked` date may be before start-up and `validate` warn.
    contacts_checked_within_days: int = Field(default=180, ge=1)
    # The start page's heading and title: "Error: " and the name fit in 65 characters.
    service_name: Annotated[Text, AfterValidator(_fits_in_a_title(55))]
    # The end of every other page's title: "Question 2 of 6", a dash, "Signs of modern slavery".
    short_service_name: Annotated[Text, AfterValidator(_fits_in_a_title(30))]
    # What search engines show under the start page's title (its meta description).
    search_description: Text
    emergency_contact: Identifier
    # Where "Leave this site" goes unless the EXIT_URL setting says otherwise: a neutral,
    # non-personalised site that people in this country visit every day.
    exit_url: HttpsAddress
    # The organisation that runs the service, for the pages a public service must publish.
    organisation: Organisation
    audiences: tuple[Audience, ...] = Field(min_length=1)
    answer_sets: tuple[AnswerSet, ...] = Field(min_length=1)
    questions: tuple[Question, ...] = Field(min_length=1)
    contacts: tuple[Contact, ...] = Field(min_length=1)
    rules: tuple[Rule, ...] = Field(min_length=1)

    _questions_by_id: Mapping[str, Question] = PrivateAttr()
    _answer_sets_by_id: Mapping[str, AnswerSet] = PrivateAttr()
    _contacts_by_id: Mapping[str, Contact] = PrivateAttr()
    _signs: tuple[Question, ...] = PrivateAttr()
    _positions: Mapping[str, int] = PrivateAttr()
    _answer_ids: Mapping[str, frozenset[str]] = PrivateAttr()
    _audience_ids: tuple[str, ...] = PrivateAttr()

    def model_post_init(self, context: object, /) -> None:
        # Built once here so that page handlers never search lists.
        self._questions_by_id = MappingProxyType({q.id: q for q in self.questions})
        self._answer_sets_by_id = MappingProxyType({s.id: s for s in self.answer_sets})
        self._contacts_by_id = MappingProxyType({c.id: c for c in self.contacts})
        self._signs = tuple(q for q in self.questions if q.kind == "sign")
        self._positions = MappingProxyType({q.id: i for i, q in enumerate(self.questions)})
        self._answer_ids = MappingProxyType(
            {
                q.id: frozenset(o.id for o in self._answer_sets_by_id[q.answers].options)
                for q in self.questions
                if q.answers in self._answer_sets_by_id  # unknown sets: crosscheck reports
            }
        )
        self._audience_ids = tuple(audience.id for audience in self.audiences)
        # Safety texts whose translation is out of date are shown in the source language.
        for placed in every_text(self):
            if placed.safety:
                placed.text._withhold_stale()

    @property
    def source(self) -> str:
        """The language the texts are written in and translated from."""
        return self.source_language or self.default_language

    @property
    def answer_sets_by_id(self) -> Mapping[str, AnswerSet]:
        return self._answer_sets_by_id

    def question(self, question_id: str) -> Question | None:
        return self._questions_by_id.get(question_id)

    def position_of(self, question: Question) -> int:
        """0 for the first question asked, 1 for the second, …"""
        return self._positions[question.id]

    def options_for(self, question: Question) -> tuple[AnswerOption, ...]:
        return self._answer_sets_by_id[question.answers].options

    @property
    def answer_ids(self) -> Mapping[str, frozenset[str]]:
        """The answer ids each question accepts, by question id."""
        return self._answer_ids

    def answer_set_for(self, question: Question) -> AnswerSet:
        return self._answer_sets_by_id[question.answers]

    def contact(self, contact_id: str) -> Contact:
        return self._contacts_by_id[contact_id]

    @property
    def contacts_by_id(self) -> Mapping[str, Contact]:
        return self._contacts_by_id

    @property
    def contacts_to_confirm(self) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.confirm_before_use)

    @property
    def to_confirm_before_deployment(self) -> tuple[str, ...]:
        """What an operator must still confirm or replace, one sentence each: placeholders
        are accepted so that the service runs at once, but never silently."""
        notes = [
            f"confirm contact '{c.id}' before a deployment: {c.confirm_before_use}"
            for c in self.contacts_to_confirm
        ]
        if self.organisation.confirm_before_use:
            notes.append(
                "complete the organisation section before a deployment: "
                + self.organisation.confirm_before_use
            )
        notes.extend(
            f"have everything in '{code}' (this file's texts and the interface's) reviewed by "
            "a native speaker who knows the subject before a deployment, then remove "
            f"'{code}' from `awaiting_native_speaker_review`"
            for code in self.awaiting_native_speaker_review
        )
        return tuple(notes)

    @property
    def emergency(self) -> Contact:
        return self._contacts_by_id[self.emergency_contact]

    @property
    def audience_ids(self) -> tuple[str, ...]:
        return self._audience_ids

    @property
    def signs(self) -> tuple[Question, ...]:
        return self._signs
