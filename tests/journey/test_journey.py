"""The whole check, followed through its pages as a person would."""

import pytest

from tests.support.pages import (
    SIGN_IDS,
    answer,
    begin,
    complete_check,
    onward,
    parse,
    submit,
    text_of,
)
from tests.support.titles import title_of

SEED_SIGNS = [
    "Do they look scruffy, malnourished or injured?",
    "Are they acting anxious, afraid or unable to make eye contact?",
    "Are they working long hours, wearing unsuitable clothing or have the wrong equipment "
    "for their job?",
    "Are they living in an overcrowded or poorly-maintained property?",
    "Do they behave like their life is being controlled by someone with authority over them?",
]


def test_start_page_explains_the_check_and_offers_two_ways_in(client):
    page = parse(client.get("/"))
    body = text_of(page.body)
    assert "5 warning signs" in body
    assert "about 2 minutes" in body
    assert "We do not keep your answers" in body
    assert "60 minutes after your last answer" in body
    danger = page.select_one(".warning-callout")
    assert "If you or someone else is in immediate danger, call 999" in text_of(danger)
    assert danger.select_one("a")["href"] == "tel:999"
    buttons = [(b["value"], text_of(b)) for b in page.select("button[name=audience]")]
    assert buttons == [
        ("someone_else", "I'm worried about someone else"),
        ("myself", "I'm worried about myself"),
    ]


def test_the_five_signs_are_asked_verbatim_one_per_page(client):
    response = begin(client)
    assert response.status_code == 303
    assert response.headers["Location"] == "/before-you-start"
    page = parse(client.get("/before-you-start"))
    assert onward(page) == "/questions/appearance"
    for number, (sign, wording) in enumerate(zip(SIGN_IDS, SEED_SIGNS, strict=True), start=1):
        page = parse(client.get(f"/questions/{sign}"))
        legend = page.select_one("fieldset legend")
        assert text_of(legend.select_one("h1")) == wording
        assert page.select("h1") == [legend.select_one("h1")], "the question is the only h1"
        assert text_of(legend.select_one(".caption")) == f"Question {number} of 6"
        labels = [text_of(label) for label in page.select(".radios__label")]
        assert labels == ["Yes", "No", "Not sure"]
        # The question is the heading; the title says where the person is, briefly.
        assert title_of(page) == f"Question {number} of 6 \N{EN DASH} Signs of modern slavery"
        assert text_of(page.select_one("button[type=submit]")) == "Continue"
        assert page.select_one("form[method=post]").has_attr("novalidate")
        answer(client, sign, "no")


def test_questions_are_worded_for_the_person_themselves(client):
    begin(client, "myself")
    page = parse(client.get("/questions/appearance"))
    assert text_of(page.select_one("h1")) == (
        "Do you often go hungry, have injuries, or find it hard to keep yourself clean?"
    )
    for sign in SIGN_IDS:
        answer(client, sign, "no")
    page = parse(client.get("/questions/age"))
    assert text_of(page.select_one("h1")) == "How old are you?"
    assert [text_of(label) for label in page.select(".radios__label")] == [
        "Under 18",
        "18 or over",
        "I don't know",
    ]


def test_the_age_question_follows_the_signs(client):
    begin(client)
    for sign in SIGN_IDS:
        response = answer(client, sign, "not_sure")
    assert response.headers["Location"] == "/questions/age"
    page = parse(client.get("/questions/age"))
    assert text_of(page.select_one("h1")) == "How old is the person?"
    assert text_of(page.select_one(".caption")) == "Question 6 of 6"
    assert answer(client, "age", "under_18").headers["Location"] == "/check-your-answers"


def test_back_links_step_back_through_the_questions(client):
    begin(client)
    assert parse(client.get("/questions/appearance")).select_one(".back-link")["href"] == "/"
    answer(client, "appearance", "yes")
    back = parse(client.get("/questions/behaviour")).select_one(".back-link")
    assert back["href"] == "/questions/appearance"


def test_a_revisited_question_shows_the_answer_given(client):
    begin(client)
    answer(client, "appearance", "not_sure")
    page = parse(client.get("/questions/appearance"))
    assert page.select_one("input[checked]")["value"] == "not_sure"


def test_continuing_without_an_answer_shows_the_error_and_keeps_earlier_answers(client):
    begin(client)
    answer(client, "appearance", "yes")
    response = submit(client, "/questions/behaviour", {})
    assert response.status_code == 200
    page = parse(response)
    assert page.title.string.startswith("Error: ")
    summary = page.select_one(".error-summary")
    assert text_of(summary.select_one("h2")) == "There is a problem"
    link = summary.select_one("a")
    assert text_of(link) == "Select yes, no or not sure"
    assert link["href"] == "#answer"
    assert page.select_one("input#answer") is not None, "the summary links to the first radio"
    assert "Select yes, no or not sure" in text_of(page.select_one("#answer-error"))
    assert "answer-error" in page.select_one("fieldset")["aria-describedby"]
    # The earlier answer is still there.
    assert parse(client.get("/questions/appearance")).select_one("input[checked]")["value"] == (
        "yes"
    )


def test_the_age_question_has_its_own_error_per_audience(client):
    begin(client, "myself")
    for sign in SIGN_IDS:
        answer(client, sign, "no")
    page = parse(submit(client, "/questions/age", {}))
    assert text_of(page.select_one(".error-summary a")) == "Select how old you are, or I don't know"


def test_an_answer_that_is_not_offered_is_refused_kindly(client):
    begin(client)
    page = parse(submit(client, "/questions/appearance", {"answer": "definitely"}))
    assert text_of(page.select_one(".error-summary a")) == "Select yes, no or not sure"
    assert client.get("/check-your-answers").headers["Location"] == "/questions/appearance"


def test_check_your_answers_lists_every_answer_with_a_change_link(client):
    complete_check(client, {"work": "yes", "control": "not_sure"}, age="unknown")
    page = parse(client.get("/check-your-answers"))
    rows = page.select(".summary-list__row")
    assert len(rows) == 6
    found = {
        text_of(r.select_one("dt")): text_of(r.select_one(".summary-list__value")) for r in rows
    }
    assert found[SEED_SIGNS[2]] == "Yes"
    assert found[SEED_SIGNS[4]] == "Not sure"
    assert found["How old is the person?"] == "I don't know"
    change = rows[2].select_one(".summary-list__actions a")
    assert change["href"] == "/questions/work?change=1"
    assert text_of(change.select_one(".visually-hidden")) == f"your answer to: {SEED_SIGNS[2]}"


def test_changing_an_answer_returns_to_check_your_answers(client):
    complete_check(client, {})
    page = parse(client.get("/questions/housing?change=1"))
    assert page.select_one(".back-link")["href"] == "/check-your-answers"
    assert page.select_one("input[checked]")["value"] == "no"
    response = answer(client, "housing", "yes", change=True)
    assert response.headers["Location"] == "/check-your-answers"
    rows = parse(client.get("/check-your-answers")).select(".summary-list__row")
    assert text_of(rows[3].select_one(".summary-list__value")) == "Yes"


def test_jumping_ahead_goes_to_the_first_unanswered_question(client):
    begin(client)
    answer(client, "appearance", "no")
    for page in ["/questions/control", "/questions/age", "/check-your-answers", "/what-to-do-next"]:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.headers["Location"] == "/questions/behaviour"
    # Answering out of order is refused the same way, and nothing is recorded.
    token = parse(client.get("/questions/behaviour")).select_one("[name=csrf_token]")["value"]
    response = client.post("/questions/housing", data={"answer": "yes", "csrf_token": token})
    assert response.headers["Location"] == "/questions/behaviour"
    for sign in ["behaviour", "work"]:
        answer(client, sign, "no")
    assert parse(client.get("/questions/housing")).select_one("input[checked]") is None


def test_pages_inside_the_check_send_a_newcomer_to_the_start(client):
    for page in ["/questions/appearance", "/check-your-answers", "/what-to-do-next"]:
        response = client.get(page)
        assert response.status_code == 302
        assert response.headers["Location"] == "/"


def test_an_unknown_question_is_a_friendly_404(client):
    begin(client)
    response = client.get("/questions/does_not_exist")
    assert response.status_code == 404
    page = parse(response)
    assert text_of(page.select_one("h1")) == "Page not found"
    assert page.select_one("a.exit-link")["href"] == "/exit"


def test_start_again_clears_every_answer(client):
    complete_check(client, {"appearance": "yes"})
    page = parse(client.get("/what-to-do-next"))
    form = page.select_one("form.start-again")
    response = client.post(
        form["action"], data={"csrf_token": form.select_one("[name=csrf_token]")["value"]}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert client.get("/questions/appearance").headers["Location"] == "/"
    begin(client)
    assert parse(client.get("/questions/appearance")).select_one("input[checked]") is None


def test_choosing_who_you_are_worried_about_starts_afresh(client):
    complete_check(client, {"appearance": "yes"})
    begin(client, "myself")
    assert client.get("/check-your-answers").headers["Location"] == "/questions/appearance"


def test_an_unknown_audience_is_refused_with_an_error(client):
    response = submit(client, "/", button={"audience": "the_neighbours"})
    page = parse(response)
    assert response.status_code == 200
    assert text_of(page.select_one(".error-summary a")) == "Select who you are worried about"
    assert client.get("/questions/appearance").headers["Location"] == "/"


@pytest.mark.parametrize("audience", ["someone_else", "myself"])
def test_the_whole_journey_ends_with_guidance(client, audience):
    page = parse(complete_check(client, {"control": "yes"}, audience=audience))
    assert text_of(page.select_one("h1")) == "What you can do next"
    assert page.select_one(".back-link")["href"] == "/check-your-answers"
    assert page.select_one("a[href='tel:08000121700']") is not None
