"""The journey as a state machine: random sequences of what people do, checked against a
small model of what they should see.

Steps: answer (in order, or jumping ahead), an invalid answer, change from "check your
answers", open any page, switch audience, start again, leave the site, and stay idle past
the session's lifetime. After every step the cookie holds exactly the model's answers; the
guidance always matches the answers last given; and after leaving, starting again or
expiry, no earlier answer shows anywhere.

The expected guidance comes from `expected_guidance` below, a hand-written restatement of
the rules in checklist.yaml, not from app.guidance: the two must agree.
"""

from __future__ import annotations

import time
from unittest import mock

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from app import create_app
from app.journey.cookie import ANSWERS_KEY, AUDIENCE_KEY
from tests.support.pages import SIGN_IDS, onward, parse, text_of
from tests.support.project import TEST_SECRET

QUESTION_IDS = [*SIGN_IDS, "age"]
OPTIONS = {
    **{sign: ["yes", "no", "not_sure"] for sign in SIGN_IDS},
    "age": ["under_18", "adult", "unknown"],
}
LABELS = {
    "yes": "Yes",
    "no": "No",
    "not_sure": "Not sure",
    "under_18": "Under 18",
    "adult": "18 or over",
    "unknown": "I don't know",
}
AUDIENCES = ["someone_else", "myself"]
LIFETIME = 60 * 60
EXIT_URL = "https://exit.test/"

# The phone numbers each rule's section shows, in order.
PHONES = {
    "immediate_danger": ["999"],
    "report_concern": ["08000 121 700", "0800 555 111", "101"],
    "no_clear_signs": ["08000 121 700"],
    "do_not_confront": [],
    "labour_exploitation": ["0800 432 0804"],
    "child_someone_else": ["0808 800 5000", "101"],
    "support_for_me_child": ["0800 1111"],
    "support_for_me": ["08000 121 700"],
    "support_for_me_adult": ["0800 808 3733"],
    "what_you_noticed": [],
}


def expected_guidance(audience: str, answers: dict[str, str]) -> list[str]:
    """The ids of the guidance sections that should show, in order."""
    noticed = [sign for sign in SIGN_IDS if answers[sign] == "yes"]
    age = answers["age"]
    shown = ["immediate_danger"]
    if audience == "someone_else":
        shown.append("report_concern" if noticed else "no_clear_signs")
        shown.append("do_not_confront")
        if answers["work"] == "yes":
            shown.append("labour_exploitation")
        if age in ("under_18", "unknown"):
            shown.append("child_someone_else")
    else:
        if age in ("under_18", "unknown"):
            shown.append("support_for_me_child")
        shown.append("support_for_me")
        if age in ("adult", "unknown"):
            shown.append("support_for_me_adult")
    if noticed:
        shown.append("what_you_noticed")
    return shown


answer_steps = st.sampled_from(
    [(question_id, answer_id) for question_id in QUESTION_IDS for answer_id in OPTIONS[question_id]]
)


class Journey(RuleBasedStateMachine):
    """One person's visit, with the model of it: audience, answers, and help seen."""

    def __init__(self):
        super().__init__()
        self.app = create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET, "EXIT_URL": EXIT_URL})
        self.sessions = self.app.session_interface.get_signing_serializer(self.app)
        self.client = self.app.test_client()
        self.audience: str | None = None
        self.answers: dict[str, str] = {}
        self.exit_help_seen = False
        # Idle expiry moves this process's clock forward; the cookie's timestamp does not move.
        self.clock_offset = 0
        real_time = time.time
        self.clock = mock.patch("time.time", lambda: real_time() + self.clock_offset)

    @initialize()
    def start_clock(self):
        self.clock.start()

    def teardown(self):
        self.clock.stop()

    # -- helpers ---------------------------------------------------------------------------

    def first_unanswered(self) -> str | None:
        return next((q for q in QUESTION_IDS if q not in self.answers), None)

    def is_reachable(self, question_id: str) -> bool:
        first_open = self.first_unanswered()
        return first_open is None or QUESTION_IDS.index(question_id) <= QUESTION_IDS.index(
            first_open
        )

    def csrf_token(self, url: str = "/") -> str:
        return parse(self.client.get(url)).select_one("input[name=csrf_token]")["value"]

    def forget_answers(self):
        self.audience = None
        self.answers = {}

    def assert_nothing_remains(self):
        """No page and no cookie shows any earlier answer."""
        for question_id in QUESTION_IDS:
            assert self.client.get(f"/questions/{question_id}").headers["Location"] == "/"
        assert self.client.get("/check-your-answers").headers["Location"] == "/"
        assert self.client.get("/what-to-do-next").headers["Location"] == "/"
        assert ANSWERS_KEY not in self.session_in_cookie()

    def session_in_cookie(self) -> dict:
        cookie = self.client.get_cookie(self.app.config["SESSION_COOKIE_NAME"])
        return self.sessions.loads(cookie.value) if cookie else {}

    # -- what a person does ----------------------------------------------------------------

    @rule(audience=st.sampled_from(AUDIENCES))
    def choose_audience(self, audience):
        """Start, or switch audience from the start page: a new check with no answers."""
        token = self.csrf_token()
        response = self.client.post("/", data={"audience": audience, "csrf_token": token})
        expected = "/questions/appearance" if self.exit_help_seen else "/before-you-start"
        assert response.status_code == 303
        assert response.headers["Location"] == expected
        if not self.exit_help_seen:
            page = parse(self.client.get("/before-you-start"))
            assert onward(page) == "/questions/appearance"
            self.exit_help_seen = True
        self.audience = audience
        self.answers = {}

    @rule(step=answer_steps, changing=st.booleans())
    def answer(self, step, changing):
        """Answer any question: again, going back, changing, or trying to jump ahead."""
        self.answer_question(*step, changing=changing)

    @precondition(lambda self: self.audience is not None and self.first_unanswered())
    @precondition(lambda self: self.audience is not None and self.first_unanswered())
    @rule(choice=st.integers(0, 2))
    def answer_the_next_question(self, choice):
        question_id = self.first_unanswered()
        self.answer_question(question_id, OPTIONS[question_id][choice], changing=False)

    @precondition(lambda self: self.audience is not None and self.first_unanswered())
    @rule(
        choices=st.lists(st.integers(0, 2), min_size=len(QUESTION_IDS), max_size=len(QUESTION_IDS))
    )
    def answer_the_rest(self, choices):
        """Answer every question left, in order, as most people do."""
        for choice in choices:
            question_id = self.first_unanswered()
            if question_id is None:
                break
            self.answer_question(question_id, OPTIONS[question_id][choice], changing=False)

    def answer_question(self, question_id: str, answer_id: str, *, changing: bool):
        url = f"/questions/{question_id}" + ("?change=1" if changing else "")
        response = self.client.get(url)
        if self.audience is None:
            assert response.headers["Location"] == "/"
            return
        if not self.is_reachable(question_id):
            assert response.status_code == 302
            assert response.headers["Location"] == f"/questions/{self.first_unanswered()}"
            return
        page = parse(response)
        self.assert_shows_answer_given(page, question_id)
        form = page.select_one("form[method=post]")
        token = form.select_one("input[name=csrf_token]")["value"]
        response = self.client.post(form["action"], data={"answer": answer_id, "csrf_token": token})
        assert response.status_code == 303
        self.answers[question_id] = answer_id
        assert response.headers["Location"] == self.page_after(question_id, changing)
        if self.first_unanswered() is None:
            # Every answer, first or changed, must show at once in the guidance.
            self.read_guidance()

    def page_after(self, question_id: str, changing: bool) -> str:
        position = QUESTION_IDS.index(question_id)
        if position == len(QUESTION_IDS) - 1 or (changing and self.first_unanswered() is None):
            return "/check-your-answers"
        return f"/questions/{QUESTION_IDS[position + 1]}"

    @rule(question_id=st.sampled_from(QUESTION_IDS), sent=st.sampled_from(["", "maybe", "myself"]))
    def give_an_invalid_answer(self, question_id, sent):
        """An answer that is not offered is refused, and nothing given before is lost."""
        if self.audience is None or not self.is_reachable(question_id):
            return
        token = self.csrf_token(f"/questions/{question_id}")
        data = {"csrf_token": token, **({"answer": sent} if sent else {})}
        response = self.client.post(f"/questions/{question_id}", data=data)
        assert response.status_code == 200
        page = parse(response)
        assert page.select_one(".error-summary") is not None
        assert page.select_one("input[checked]") is None

    @rule(question_id=st.sampled_from(QUESTION_IDS))
    def go_back_to(self, question_id):
        """Open a question (a Back link, or a typed address): it shows the answer given."""
        response = self.client.get(f"/questions/{question_id}")
        if self.audience is None:
            assert response.headers["Location"] == "/"
        elif not self.is_reachable(question_id):
            assert response.headers["Location"] == f"/questions/{self.first_unanswered()}"
        else:
            self.assert_shows_answer_given(parse(response), question_id)

    def assert_shows_answer_given(self, page, question_id):
        checked = page.select("input[checked]")
        given = self.answers.get(question_id)
        assert [radio["value"] for radio in checked] == ([given] if given else [])

    def page_for_a_finished_journey(self, path):
        """The page at `path`; None, after checking where it sent us, if the journey is not
        finished (no audience: the start; a question unanswered: that question)."""
        response = self.client.get(path)
        if self.audience is None:
            assert response.headers["Location"] == "/"
            return None
        if self.first_unanswered() is not None:
            assert response.headers["Location"] == f"/questions/{self.first_unanswered()}"
            return None
        return parse(response)

    @rule()
    def check_answers(self):
        page = self.page_for_a_finished_journey("/check-your-answers")
        if page is None:
            return
        shown = {
            row.select_one("a")["href"]: text_of(row.select_one("dd"))
            for row in page.select(".summary-list__row")
        }
        assert shown == {
            f"/questions/{question_id}?change=1": LABELS[answer_id]
            for question_id, answer_id in self.answers.items()
        }

    @rule()
    def read_guidance(self):
        """The guidance matches the answers last given, section by section."""
        page = self.page_for_a_finished_journey("/what-to-do-next")
        if page is None:
            return
        sections = page.select("section.guidance")
        shown = [section.h2["id"].removeprefix("guidance-") for section in sections]
        expected = expected_guidance(self.audience, self.answers)
        assert shown == expected, (self.audience, self.answers)
        seen: set[str] = set()  # a number named by two sections is shown under the first
        for rule_id, section in zip(shown, sections, strict=True):
            phones = [text_of(link) for link in section.select(".contact__phone a")]
            assert phones == [phone for phone in PHONES[rule_id] if phone not in seen], rule_id
            seen.update(phones)
        noticed = [sign for sign in SIGN_IDS if self.answers[sign] == "yes"]
        assert len(page.select(".noticed li")) == len(noticed)

    @rule()
    def start_again(self):
        token = self.csrf_token()
        response = self.client.post("/start-again", data={"csrf_token": token})
        assert response.headers["Location"] == "/"
        self.forget_answers()
        self.assert_nothing_remains()

    @rule(method=st.sampled_from(["GET", "POST"]))
    def leave_the_site(self, method):
        response = self.client.open("/exit", method=method)
        assert response.status_code == 303
        assert response.headers["Location"] == EXIT_URL
        self.forget_answers()
        self.exit_help_seen = False
        assert self.client.get_cookie(self.app.config["SESSION_COOKIE_NAME"]) is None
        self.assert_nothing_remains()

    @rule()
    def stay_idle_past_the_session_lifetime(self):
        had_a_session = self.client.get_cookie(self.app.config["SESSION_COOKIE_NAME"]) is not None
        self.clock_offset += LIFETIME + 60
        notice = parse(self.client.get("/")).select_one(".notification")
        assert (notice is not None) == had_a_session
        if had_a_session:
            assert "started again" in text_of(notice)
        self.forget_answers()
        self.exit_help_seen = False
        self.assert_nothing_remains()

    @invariant()
    def cookie_holds_exactly_the_answers_given(self):
        session = self.session_in_cookie()
        assert session.get(AUDIENCE_KEY) == self.audience
        assert (session.get(ANSWERS_KEY) or {}) == self.answers


Journey.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
test_the_journey_follows_the_model = Journey.TestCase
