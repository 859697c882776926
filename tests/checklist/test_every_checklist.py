"""Every checklist file in the repository serves the whole check, with no change to the code.

The content is data: the journey below is driven only by what each file says (its
audiences, its questions in order, its answer ids, its emergency contact), never by the
UK file's ids.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pytest

from app.checklist import Checklist, load_checklist
from tests.support.pages import parse, text_of
from tests.support.project import CHECKLIST_FILES, PROJECT_ROOT, REAL_CHECKLIST, validate
from tests.support.titles import follows_the_title_rule, title_of
from tests.support.walker import ClientVisitor, walk

ROMANIA = PROJECT_ROOT / "checklists" / "romania.yaml"

# Every UK number in ../shared/contacts.md: none may reach a person using the Romanian check.
UK_NUMBERS = [
    "999",
    "101",
    "18000",
    "18001",
    "08000 121 700",
    "0800 0121 700",
    "0800 555 111",
    "0800 432 0804",
    "0808 800 5000",
    "0800 808 3733",
]
ROMANIAN_EMERGENCY = "112"
SIGNS = ["appearance", "behaviour", "work", "housing", "control"]
ANITP = "0800 800 678"
CHILD_LINE_119 = "119"

# How a pattern picks an answer: (position of the question, its answer ids) → answer id.
Pattern = Callable[[int, list[str]], str]
PATTERNS: dict[str, Pattern] = {
    "every first answer": lambda position, options: options[0],
    "every second answer": lambda position, options: options[1],
    "every last answer": lambda position, options: options[-1],
    "mixed": lambda position, options: options[position % len(options)],
}


def file_id(path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


def answers_for(checklist: Checklist, pattern: Pattern) -> dict[str, str]:
    return {
        question.id: pattern(position, [option.id for option in checklist.options_for(question)])
        for position, question in enumerate(checklist.questions)
    }


def walk_the_journey(client, checklist: Checklist, audience: str, answers: dict[str, str]):
    """Go through the check as a person would, by its forms (tests/support/walker.py), and
    check that each answer leads where the file's order of questions says; yields every
    page shown, by name."""
    visitor = ClientVisitor(client)
    for state in walk(visitor, checklist, audience, answers):
        page = visitor.page
        if state.startswith("question "):
            question = checklist.question(state.removeprefix("question "))
            offered = [radio["value"] for radio in page.html.select("input[name=answer]")]
            assert offered == [option.id for option in checklist.options_for(question)]
        if state == "check your answers":
            rows = page.html.select(".summary-list__row")
            assert len(rows) == len(checklist.questions)
        yield state, page.raw
    # Each answer was sent once and redirected (303) to the page after it.
    sent = [answer for answer in visitor.answers if answer.method == "POST"]
    questions = [f"/questions/{question.id}" for question in checklist.questions]
    assert [(answer.status, answer.location) for answer in sent] == [
        (303, "/before-you-start"),
        *((303, following) for following in questions[1:]),
        (303, "/check-your-answers"),
    ]


def assert_sound_page(name: str, response, checklist: Checklist, language: str) -> None:
    assert response.status_code == 200, name
    page = parse(response)
    first = page.body.find(["a", "button", "input", "select", "textarea"])
    assert (first.name, first["href"]) == ("a", "/exit"), name
    assert page.html["lang"] == language, name
    assert follows_the_title_rule(title_of(page), checklist, language), name
    assert len(page.select("h1")) == 1, name
    duplicates = [i for i, n in Counter(tag["id"] for tag in page.select("[id]")).items() if n > 1]
    assert duplicates == [], name


def journeys():
    """Every audience of every file, with every answer pattern."""
    return [
        pytest.param(path, audience, pattern, id=f"{file_id(path)}-{audience}-{name}")
        for path in CHECKLIST_FILES
        for audience in load_checklist(path).audience_ids
        for name, pattern in PATTERNS.items()
    ]


@pytest.fixture(params=CHECKLIST_FILES, ids=file_id)
def checklist_path(request):
    return request.param


def test_the_repository_has_more_than_one_checklist():
    assert REAL_CHECKLIST in CHECKLIST_FILES
    assert ROMANIA in CHECKLIST_FILES


def test_each_checklist_validates_and_names_its_country_language_and_exit(checklist_path):
    result = validate(str(checklist_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "ok"
    checklist = load_checklist(checklist_path)
    assert re.fullmatch(r"[A-Z]{2}", checklist.country)
    assert checklist.default_language in checklist.languages
    assert checklist.exit_url.startswith("https://")
    assert checklist.emergency.phone
    for contact in checklist.contacts:
        assert contact.source.startswith("https://"), contact.id


@pytest.mark.parametrize(("path", "audience", "pattern"), journeys())
def test_the_whole_journey_works_on_every_checklist(make_app, path, audience, pattern):
    app = make_app(CHECKLIST_PATH=str(path))
    checklist = app.extensions["checklist"]
    client = app.test_client()
    answers = answers_for(checklist, pattern)

    pages = dict(walk_the_journey(client, checklist, audience, answers))
    for name, response in pages.items():
        assert_sound_page(name, response, checklist, checklist.default_language)

    guidance = parse(pages["guidance"])
    assert guidance.select("main section.guidance"), "the guidance is empty"
    emergency = checklist.emergency.phone
    assert guidance.select_one(f"main a[href='tel:{emergency.replace(' ', '')}']") is not None
    assert emergency in text_of(guidance.select_one("main"))
    for link in guidance.select("main .contact__phone a"):
        assert link["href"] == "tel:" + text_of(link).replace(" ", "")


def test_leaving_goes_to_the_checklists_own_exit(make_app, checklist_path):
    app = make_app(CHECKLIST_PATH=str(checklist_path), EXIT_URL=None)
    response = app.test_client().get("/exit")
    assert response.status_code == 303
    assert response.location == load_checklist(checklist_path).exit_url


# The Romanian checklist in particular.


def expected_romanian_guidance(audience: str, answers: dict[str, str]) -> list[str]:
    """The rules of checklists/romania.yaml restated by hand: which sections, in order."""
    signs_yes = sum(answers[sign] == "yes" for sign in SIGNS)
    may_be_a_child = answers["age"] in ("under_18", "unknown")
    sections = ["immediate_danger"]
    if audience == "someone_else":
        sections.append("report_concern" if signs_yes else "no_clear_signs")
        sections.append("do_not_confront")
        if may_be_a_child:
            sections.append("child_someone_else")
    else:
        if may_be_a_child:
            sections.append("support_for_me_child")
        sections.append("support_for_me")
    if signs_yes:
        sections.append("what_you_noticed")
    return sections


def uk_numbers_in(response) -> list[str]:
    """UK numbers on a page, printed (with or without spaces) or as tel: links."""
    page = parse(response)
    text = text_of(page)
    found = []
    for number in UK_NUMBERS:
        for form in {number, number.replace(" ", "")}:
            if re.search(rf"(?<!\d){re.escape(form)}(?!\d)", text):
                found.append(form)
        digits = number.replace(" ", "")
        if page.select(f"a[href^='tel:{digits}'], a[href^='tel:+44']"):
            found.append(f"tel:{digits}")
    return found


@pytest.fixture
def romanian_app(make_app):
    return make_app(CHECKLIST_PATH=str(ROMANIA))


def test_the_romanian_file_has_no_uk_number():
    text = ROMANIA.read_text(encoding="utf-8")
    for number in UK_NUMBERS:
        assert not re.search(rf"(?<!\d){re.escape(number)}(?!\d)", text), number
        assert not re.search(rf"(?<!\d){number.replace(' ', '')}(?!\d)", text), number
    checklist = load_checklist(ROMANIA)
    assert checklist.country == "RO"
    assert checklist.languages == ("ro", "en")
    assert checklist.default_language == "ro"
    assert checklist.emergency.phone == ROMANIAN_EMERGENCY
    assert [contact.phone for contact in checklist.contacts] == [
        ROMANIAN_EMERGENCY,
        ANITP,
        CHILD_LINE_119,
    ]
    # Partly verified: the file itself says so until an operator has confirmed it.
    assert [contact.phone for contact in checklist.contacts_to_confirm] == [ANITP]
    assert [q.id for q in checklist.questions] == [*SIGNS, "age"]


@pytest.mark.parametrize("language", ["ro", "en"])
@pytest.mark.parametrize("audience", ["someone_else", "myself"])
@pytest.mark.parametrize("pattern", PATTERNS.values(), ids=PATTERNS.keys())
def test_romanian_guidance_follows_its_rules_with_no_uk_number(
    romanian_app, language, audience, pattern
):
    checklist = romanian_app.extensions["checklist"]
    client = romanian_app.test_client()
    if language != checklist.default_language:
        client.get(f"/?lang={language}")
    answers = answers_for(checklist, pattern)

    pages = dict(walk_the_journey(client, checklist, audience, answers))
    pages["staying safe online"] = client.get("/staying-safe-online")
    pages["not found"] = client.get("/no-such-page")
    for name, response in pages.items():
        assert uk_numbers_in(response) == [], name
        assert parse(response).html["lang"] == language, name

    guidance = parse(pages["guidance"])
    sections = [
        section.h2["id"].removeprefix("guidance-")
        for section in guidance.select("main section.guidance")
    ]
    assert sections == expected_romanian_guidance(audience, answers)
    # 112 always; ANITP is reached from every outcome (the reporting or the support rule);
    # 119, the child-protection line, wherever the person may be under 18.
    expected_numbers = ["tel:112", "tel:0800800678"]
    if answers["age"] in ("under_18", "unknown"):
        expected_numbers.insert(2 if audience == "someone_else" else 1, "tel:119")
    assert [a["href"] for a in guidance.select("main a[href^='tel:']")] == expected_numbers
    noticed = guidance.select("main ul.noticed li")
    assert len(noticed) == sum(answers[sign] == "yes" for sign in SIGNS)
    if audience == "myself":
        # Someone at risk is offered help, never told to go and report anyone.
        words = text_of(guidance.select_one("main")).lower()
        assert "sesizare" not in words and "report" not in words


def test_the_romanian_check_is_in_romanian_unless_english_is_asked_for(romanian_app):
    client = romanian_app.test_client()
    start = parse(client.get("/"))
    assert start.html["lang"] == "ro"
    assert text_of(start.select_one("a.exit-link")) == "Părăsiți site-ul"
    assert f"sunați la {ROMANIAN_EMERGENCY}" in text_of(start.select_one(".warning-callout"))

    english = parse(client.get("/?lang=en", follow_redirects=True))
    assert english.html["lang"] == "en"
    assert text_of(english.select_one("h1")) == "Check for signs of modern slavery"
    assert f"call {ROMANIAN_EMERGENCY}" in text_of(english.select_one(".warning-callout"))

    browser_in_english = romanian_app.test_client()
    page = parse(browser_in_english.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}))
    assert page.html["lang"] == "en"


def test_the_validate_command_asks_for_the_anitp_number_to_be_confirmed():
    result = validate("checklists/romania.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "ok"
    assert "3 contacts" in result.stdout
    assert "languages: ro, en" in result.stdout
    assert "warning: confirm contact 'anitp' before a deployment" in result.stderr
    assert "anitp.mai.gov.ro" in result.stderr
