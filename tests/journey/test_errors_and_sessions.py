"""Bad requests and broken sessions get a clear, friendly answer, never a crash."""

import time

import pytest

from app.journey.cookie import ANSWERS_KEY
from tests.support.pages import answer, begin, complete_check, onward, parse, text_of


def test_an_unexpected_failure_shows_a_friendly_page_with_the_way_out(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def broken():
        raise RuntimeError("boom")

    app.add_url_rule("/broken", view_func=broken)
    response = app.test_client().get("/broken")
    assert response.status_code == 500
    page = parse(response)
    assert text_of(page.select_one("h1")) == "Sorry, there is a problem with the service"
    assert "boom" not in response.get_data(as_text=True)
    assert page.select_one("a.exit-link")["href"] == "/exit"


def test_an_oversized_submission_is_refused_kindly(client):
    begin(client)
    response = client.post("/questions/appearance", data={"answer": "yes" * 5000})
    assert response.status_code == 413
    assert text_of(parse(response).select_one("h1")) == "Sorry, that was too much to send"


def test_a_tampered_session_starts_afresh_with_a_message(client):
    complete_check(client, {"appearance": "yes"})
    cookie = client.get_cookie("session")
    client.set_cookie("session", cookie.value[:-4] + "AAAA")
    response = client.get("/check-your-answers")
    assert response.headers["Location"] == "/"
    page = parse(client.get("/"))
    assert "started again" in text_of(page.select_one(".notification"))
    assert "Nothing you entered was kept" in text_of(page.select_one(".notification"))
    # The message is shown once only.
    assert parse(client.get("/")).select_one(".notification") is None


def test_an_expired_session_starts_afresh(client, monkeypatch):
    begin(client)
    answer(client, "appearance", "yes")
    two_hours_later = time.time() + 2 * 60 * 60
    monkeypatch.setattr(time, "time", lambda: two_hours_later)
    assert client.get("/questions/behaviour").headers["Location"] == "/"
    assert "started again" in text_of(parse(client.get("/")).select_one(".notification"))


# An answer the checklist no longer offers; and answers of a shape no version ever wrote,
# which once crashed the page (a list cannot be looked up among the answer ids).
@pytest.mark.parametrize(
    "answers",
    [{"appearance": "perhaps"}, {"appearance": ["yes"]}, {"appearance": {"yes": 1}}, ["yes"]],
    ids=["unknown answer", "answer is a list", "answer is a map", "answers are a list"],
)
def test_answers_that_no_longer_fit_the_checklist_start_afresh(client, app, answers):
    begin(client)
    with client.session_transaction() as session:
        session[ANSWERS_KEY] = answers
    response = client.get("/questions/behaviour")
    assert response.headers["Location"] == "/"
    assert "started again" in text_of(parse(client.get("/")).select_one(".notification"))
    with client.session_transaction() as session:
        assert ANSWERS_KEY not in session


def test_a_stale_form_offers_to_continue_and_keeps_the_answers(client):
    begin(client)
    answer(client, "appearance", "not_sure")
    response = client.post("/questions/behaviour", data={"answer": "yes", "csrf_token": "stale"})
    assert response.status_code == 400
    page = parse(response)
    assert text_of(page.select_one("h1")) == "Sorry, your answer did not go through"
    assert onward(page) == "/questions/behaviour"
    assert parse(client.get("/questions/appearance")).select_one("input[checked]")["value"] == (
        "not_sure"
    )


def test_answers_live_only_in_a_signed_http_only_cookie(client):
    begin(client)
    response = answer(client, "appearance", "yes")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Max-Age" not in cookie and "Expires" not in cookie
    assert "yes" not in response.headers["Location"]


def test_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"


def test_a_doubled_slash_is_not_found_rather_than_redirected_to_the_host_header(client):
    # Werkzeug would redirect to http://<Host header>/questions/age: a Host-chosen address.
    response = client.get("/questions//age", headers={"Host": "evil.example"})
    assert response.status_code == 404
    assert "Location" not in response.headers
    assert parse(response).select_one("a.exit-link")["href"] == "/exit"
