"""What each figure counts, walked through the app's own pages with Flask's test client
(metrics counted in memory): each count where the thing happened, once, with the label
values the app knows at start-up, and nothing more."""

from __future__ import annotations

import time

import pytest
from flask import Request

from app import metrics
from app.metrics import labels, publishing
from tests.support.metrics import (
    allowed_label_values,
    differences,
    expected_outcome,
    samples,
    scrape_app,
    total,
    value,
    values_outside_the_fixed_sets,
)
from tests.support.pages import answer, begin, parse, submit
from tests.support.walker import ClientVisitor, answers_by, walk

STARTED = "check_journeys_started_total"
COMPLETED = "check_journeys_completed_total"
REQUESTS = "check_http_requests_total"


def _all_yes_and_under_18(question, options):
    return options[0]


def _no_signs_adult(question, options):
    return options[1] if question.kind != "sign" else "no"


@pytest.mark.parametrize("pick", [_all_yes_and_under_18, _no_signs_adult])
@pytest.mark.parametrize("audience", ["someone_else", "myself"])
def test_a_journey_counts_one_start_and_one_completion_by_its_outcome(counting_app, audience, pick):
    checklist = counting_app.extensions["checklist"]
    client = counting_app.test_client()
    client.get("/?lang=sq")
    answers = answers_by(checklist, pick)
    before = scrape_app(counting_app)
    for _ in walk(ClientVisitor(client), checklist, audience, answers):
        pass
    outcome = expected_outcome(checklist, audience, answers)
    assert what_people_did(before, scrape_app(counting_app)) == {
        (STARTED, (("audience", audience), ("language", "sq"))): 1.0,
        (COMPLETED, (("language", "sq"), ("outcome", outcome))): 1.0,
    }


def test_a_journey_begun_at_a_languages_own_start_page_is_counted_in_that_language(
    counting_app, counting
):
    """The QR codes on posters lead to /ro/: its form begins the journey in Romanian, even
    when the browser asks for English, and the count says so."""
    before = scrape_app(counting_app)
    # A first step's form carries no token (app/web/first_steps.py): sent as it is.
    counting.post("/ro/", data={"audience": "myself"}, headers={"Accept-Language": "en"})
    counting.post("/ro/", data={})  # nothing chosen
    assert what_people_did(before, scrape_app(counting_app)) == {
        (STARTED, (("audience", "myself"), ("language", "ro"))): 1.0,
        ("check_form_errors_total", (("route", "/<language:language>/"),)): 1.0,
    }


def what_people_did(before: str, after: str) -> dict:
    """The changes between two scrapes, but for the requests' own figures."""
    return {
        series: n
        for series, n in differences(before, after).items()
        if not series[0].startswith("check_http_")
    }


def test_a_completion_is_counted_once_whatever_is_reloaded_or_changed(counting_app):
    checklist = counting_app.extensions["checklist"]
    client = counting_app.test_client()
    answers = answers_by(checklist, _no_signs_adult)
    for _ in walk(ClientVisitor(client), checklist, "someone_else", answers):
        pass
    once = scrape_app(counting_app)
    assert total(once, COMPLETED) == 1
    client.get("/what-to-do-next")
    client.get("/what-to-do-next")
    answer(client, "work", "yes", change=True)  # another outcome, the same journey
    answer(client, checklist.questions[-1].id, answers[checklist.questions[-1].id])
    assert total(scrape_app(counting_app), COMPLETED) == 1
    assert total(scrape_app(counting_app), STARTED) == 1
    # Starting again is a new journey.
    client.post("/start-again", data={"csrf_token": _token(client, "/what-to-do-next")})
    for _ in walk(ClientVisitor(client), checklist, "myself", answers):
        pass
    after = scrape_app(counting_app)
    assert total(after, STARTED) == 2
    assert total(after, COMPLETED) == 2


def _token(client, path: str) -> str:
    return parse(client.get(path)).select_one("input[name=csrf_token]")["value"]


def test_every_series_a_person_can_cause_is_there_from_the_start_at_zero(counting_app):
    checklist = counting_app.extensions["checklist"]
    start = scrape_app(counting_app)
    for audience in checklist.audience_ids:
        for language in checklist.languages:
            key = {"audience": audience, "language": language}
            assert (STARTED, tuple(sorted(key.items()))) in _series(start)
    outcomes = allowed_label_values(checklist, set())["outcome"] - {labels.UNKNOWN}
    completed = {dict(s)["outcome"] for name, s in _series(start) if name == COMPLETED}
    assert completed == outcomes and len(outcomes) > 1
    assert value(start, "check_exits_total", kiosk="false") == 0
    assert ("check_exits_total", (("kiosk", "false"),)) in _series(start)


def _series(text: str):
    return set(samples(text))


def test_leaving_form_errors_refused_forms_and_expired_sessions_are_counted(counting_app, counting):
    before = scrape_app(counting_app)
    begin(counting)
    counting.get("/exit")
    counting.post("/exit")
    submit(counting, "/", button={})  # nothing chosen
    begin(counting)
    submit(counting, "/questions/appearance", {"answer": "perhaps"})  # not an answer offered
    counting.post("/questions/appearance", data={"answer": "yes"})  # no form token
    counting.set_cookie("session", "not-a-cookie-this-app-signed")
    counting.get("/questions/appearance")
    after = scrape_app(counting_app)
    assert what_people_did(before, after) == {
        (STARTED, (("audience", "someone_else"), ("language", "en"))): 2.0,
        ("check_exits_total", (("kiosk", "false"),)): 2.0,
        ("check_form_errors_total", (("route", "/"),)): 1.0,
        ("check_form_errors_total", (("route", "/questions/<question_id>"),)): 1.0,
        ("check_csrf_refusals_total", ()): 1.0,
        ("check_expired_sessions_total", ()): 1.0,
    }


def test_requests_are_counted_by_their_url_rule_method_and_status(counting_app, counting):
    before = scrape_app(counting_app)
    begin(counting)
    counting.get("/questions/behaviour")  # not yet: redirected to the first open question
    counting.get("/no-such-page")
    counting.get("/metrics")
    counting.open("/", method="BREW")
    counting.delete("/")
    counting.get("/healthz")  # answered before Flask: not counted
    counting.get("/readyz")
    after = scrape_app(counting_app)
    changed = {
        (dict(series)["route"], dict(series)["method"], dict(series)["status"]): n
        for (name, series), n in differences(before, after).items()
        if name == REQUESTS
    }
    assert changed == {
        ("/", "GET", "200"): 1,  # the form, opened to be sent
        ("/", "POST", "303"): 1,
        ("/questions/<question_id>", "GET", "302"): 1,
        ("unknown", "GET", "404"): 2,  # /no-such-page and /metrics
        ("unknown", "other", "405"): 2,  # BREW and DELETE: no rule takes them
    }
    durations = {
        (dict(series)["route"], dict(series)["method"]): n
        for (name, series), n in differences(before, after).items()
        if name == "check_http_request_duration_seconds_count"
    }
    assert sum(durations.values()) == sum(changed.values())


def test_a_kiosk_counts_its_resets_by_reason_and_its_exits_as_a_kiosk(
    counting_kiosk_app, monkeypatch
):
    kiosk = counting_kiosk_app.test_client()
    start = scrape_app(counting_kiosk_app)
    assert value(start, "check_kiosk_resets_total", reason="idle") == 0
    assert ("check_kiosk_resets_total", (("reason", "finished"),)) in _series(start)
    kiosk.get("/kiosk/reset")  # an empty screen refreshing itself: nobody's things cleared
    begin(kiosk)
    kiosk.get("/kiosk/reset")  # idle, with someone's start on it
    begin(kiosk)
    kiosk.post("/kiosk/finish")
    begin(kiosk)
    later = time.time() + counting_kiosk_app.config["KIOSK_IDLE_SECONDS"] + 5
    monkeypatch.setattr(time, "time", lambda: later)
    kiosk.get("/questions/appearance")  # the idle rule clears it
    kiosk.get("/exit")
    after = scrape_app(counting_kiosk_app)
    assert value(after, "check_kiosk_resets_total", reason="idle") == 2
    assert value(after, "check_kiosk_resets_total", reason="finished") == 1
    assert value(after, "check_exits_total", kiosk="true") == 1
    assert total(after, "check_exits_total", kiosk="false") == 0


def test_no_series_carries_a_time(counting_app, counting):
    for _ in walk(
        ClientVisitor(counting),
        counting_app.extensions["checklist"],
        "myself",
        answers_by(counting_app.extensions["checklist"], _no_signs_adult),
    ):
        pass
    counting.get("/exit")
    text = scrape_app(counting_app)
    assert "_created" not in text
    # No sample has a timestamp of its own: every line is "name{labels} value".
    for line in text.splitlines():
        if line and not line.startswith("#"):
            after_name = line.split("} ", 1)[1] if "{" in line else line.split(" ", 1)[1]
            assert len(after_name.split()) == 1, line


HOSTILE_PATHS = [
    "/questions/<script>alert(1)</script>",
    "/questions/appearance%00",
    "/questions/../../etc/passwd",
    "/wp-login.php",
    "/questions/" + "a" * 300,
    "/%E2%80%AE/evil",
    "/metrics",
    "/static/../app/settings.py",
]


def _hostile_round(client, checklist, n: int) -> None:
    for path in HOSTILE_PATHS:
        client.get(f"{path}{n}")
        client.post(f"{path}{n}", data={"answer": f"x{n}"})
    for method in ["PROPFIND", "BREW", f"M{n}", "TRACE", "DELETE", "PUT"]:
        client.open("/", method=method)
    for code in [f"xx{n}", "../../en", "<b>", "en-GB", "EN", f"{n}"]:
        client.get(f"/?lang={code}")
        client.get("/", headers={"Accept-Language": f"{code};q=1, zz-{n};q=0.9, *"})
    token = _token(client, "/")
    client.post("/", data={"audience": f"the-boss-{n}", "csrf_token": token})
    client.post("/", data={"audience": "someone_else", "csrf_token": token})
    for question in checklist.questions:
        client.post(f"/questions/{question.id}", data={"answer": f"maybe-{n}", "csrf_token": token})
        client.post(f"/questions/{question.id}?change={n}", data={"answer": "yes"})


def test_hostile_paths_languages_answers_and_methods_make_no_new_series(counting_app):
    checklist = counting_app.extensions["checklist"]
    client = counting_app.test_client()
    routes = {rule.rule for rule in counting_app.url_map.iter_rules()}
    _hostile_round(client, checklist, 1)
    first = scrape_app(counting_app)
    for n in range(2, 5):
        _hostile_round(client, checklist, n)
    after = scrape_app(counting_app)
    assert set(_series(after)) == set(_series(first)), "hostile input made new series"
    assert values_outside_the_fixed_sets(after, allowed_label_values(checklist, routes)) == []
    assert total(after, "check_form_errors_total") > 0  # the rounds were counted
    for n in range(1, 5):
        assert f"-{n}" not in after and f"xx{n}" not in after and "script" not in after


def test_with_metrics_off_nothing_is_counted_or_added_to_a_request(make_app):
    app = make_app()
    assert app.config["METRICS"] is False
    assert metrics.registry(app) is None
    wrapped, layers = app.wsgi_app, []
    while wrapped is not None:
        layers.append(type(wrapped).__name__)
        wrapped = getattr(wrapped, "wsgi_app", None)
    assert "RequestCounting" not in layers
    assert app.request_class is Request
    # With metrics on, requests pass through the counting (the check above can fail).
    on, layers = make_app(METRICS=True).wsgi_app, []
    while on is not None:
        layers.append(type(on).__name__)
        on = getattr(on, "wsgi_app", None)
    assert "RequestCounting" in layers
    assert make_app(METRICS=True).request_class is not Request


def test_the_metrics_setting_follows_the_metrics_directory(make_app, monkeypatch, tmp_path):
    monkeypatch.delenv(publishing.DIRECTORY, raising=False)
    assert make_app(METRICS=None).config["METRICS"] is False
    monkeypatch.setenv(publishing.DIRECTORY, str(tmp_path))
    assert make_app(METRICS=None).config["METRICS"] is True
    assert make_app(METRICS=False).config["METRICS"] is False


def test_the_public_app_answers_404_for_metrics(counting, client):
    for each in (counting, client):
        response = each.get("/metrics")
        assert response.status_code == 404
        assert "check_" not in response.get_data(as_text=True)
