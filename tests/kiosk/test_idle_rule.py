"""The kiosk's idle rule (app/kiosk/idle.py): a session left unused for longer than the idle
limit is refused and cleared, before anything else answers the request, and nothing but
a request from that same session, passing the rule, can renew its time of use."""

from app.journey.cookie import ANSWERS_KEY, EXIT_HELP_SEEN_KEY, LAST_USED_KEY
from tests.support.pages import answer, begin, complete_check, loaded_files, parse, text_of
from tests.support.sessions import answers_in, session_in

IDLE_SECONDS = 120


def test_answers_older_than_the_idle_limit_are_refused_and_cleared(kiosk, later):
    begin(kiosk)
    answer(kiosk, "appearance", "yes")
    token = parse(kiosk.get("/questions/behaviour")).select_one("input[name=csrf_token]")["value"]
    later(IDLE_SECONDS + 2)
    response = kiosk.post("/questions/behaviour", data={"answer": "yes", "csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert answers_in(kiosk) == {}
    notice = text_of(parse(kiosk.get("/")).select_one(".notification"))
    assert "not used for a while" in notice
    assert kiosk.get("/questions/behaviour").headers["Location"] == "/"


def test_answers_within_the_idle_limit_are_kept(kiosk, later):
    begin(kiosk)
    answer(kiosk, "appearance", "yes")
    later(IDLE_SECONDS - 20)
    assert answer(kiosk, "behaviour", "no").headers["Location"] == "/questions/work"
    # Each visit starts the idle time again.
    later(2 * IDLE_SECONDS - 40)
    assert answer(kiosk, "work", "no").headers["Location"] == "/questions/housing"
    assert answers_in(kiosk) == {"appearance": "yes", "behaviour": "no", "work": "no"}


def test_the_idle_limit_follows_the_setting(make_app, later):
    client = make_app(KIOSK_MODE=True, KIOSK_IDLE_SECONDS=300).test_client()
    begin(client)
    answer(client, "appearance", "yes")
    later(200)
    assert client.get("/questions/behaviour").status_code == 200
    later(200 + 302)
    assert client.get("/questions/behaviour").headers["Location"] == "/"


def test_a_screen_left_at_the_start_lets_the_next_person_begin(kiosk, later):
    kiosk.get("/")
    later(20 * 60)
    response = begin(kiosk)
    assert response.headers["Location"] == "/before-you-start"
    assert parse(kiosk.get("/before-you-start")).select_one(".notification") is None


def test_someone_still_reading_keeps_the_screen(kiosk, later):
    begin(kiosk)
    answer(kiosk, "appearance", "yes")
    later(IDLE_SECONDS - 10)
    response = kiosk.post("/kiosk/still-here")
    assert response.status_code == 204
    # The time of use is renewed inside the session cookie. (A keep-alive still on its way
    # when the person leaves is cancelled by kiosk.js: test_kiosk_in_chromium.py.)
    cookies = response.headers.getlist("Set-Cookie")
    assert [c.split("=", 1)[0] for c in cookies] == ["session"]
    later(2 * IDLE_SECONDS - 20)
    assert kiosk.get("/questions/behaviour").status_code == 200


def test_a_keep_alive_after_the_idle_limit_is_refused(kiosk, later):
    begin(kiosk)
    later(IDLE_SECONDS + 2)
    assert kiosk.post("/kiosk/still-here").status_code == 409


def test_the_reset_route_clears_everything_and_returns_to_the_start(kiosk):
    complete_check(kiosk, {"appearance": "yes"})
    response = kiosk.get("/kiosk/reset")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert kiosk.get("/what-to-do-next").headers["Location"] == "/"
    assert begin(kiosk).headers["Location"] == "/before-you-start", "the next person is told"
    # An empty screen resets quietly: there was nothing to tell anyone about.
    kiosk.get("/kiosk/reset")
    kiosk.get("/kiosk/reset")
    assert parse(kiosk.get("/")).select_one(".notification") is None


def test_kiosk_pages_clear_themselves_without_javascript(kiosk, kiosk_pages):
    for name, response in kiosk_pages:
        page = parse(response)
        refresh = page.select_one("meta[http-equiv=refresh]")
        if name == "welcome":
            assert refresh is None, "the neutral screen must stay put"
            continue
        assert refresh["content"] == f"{IDLE_SECONDS}; url=/kiosk/reset", name
        # Inside <noscript>: with JavaScript, kiosk.js warns first instead.
        assert refresh.parent.name == "noscript", name
        assert refresh.find_parent("head") is not None, name
        assert page.select_one("script[src]").has_attr("defer"), name
        assert "data-idle-warning" in loaded_files(kiosk, response)["js"], name


def test_the_refresh_follows_the_idle_setting(make_app):
    page = parse(make_app(KIOSK_MODE=True, KIOSK_IDLE_SECONDS=300).test_client().get("/"))
    assert page.select_one("meta[http-equiv=refresh]")["content"] == "300; url=/kiosk/reset"
    assert "cleared after 5 minutes without use" in text_of(page.select_one("footer"))


def test_the_idle_warning_is_ready_on_every_page(kiosk):
    begin(kiosk)
    page = parse(kiosk.get("/questions/appearance?change=1"))
    warning = page.select_one("dialog[data-idle-warning]")
    assert warning["data-idle-seconds"] == str(IDLE_SECONDS)
    assert warning["data-warning-seconds"] == "30"
    assert warning["data-reset-url"] == "/kiosk/reset"
    assert warning["data-still-here-url"] == "/kiosk/still-here"
    assert not warning.has_attr("data-nothing-to-clear")
    assert page.select_one("#" + warning["aria-labelledby"]).name == "h2"
    assert page.select_one("#" + warning["aria-describedby"]) is not None
    assert warning.select_one("[role=status]") is not None
    # Without the rest of kiosk.js, "I'm still here" simply reloads this page.
    still_here = warning.select_one("button[data-still-here]")
    assert text_of(still_here) == "I'm still here"
    reload = still_here.find_parent("form")
    assert (reload.get("method", "get"), reload["action"]) == ("get", "/questions/appearance")
    assert [(field["name"], field["value"]) for field in reload.select("input")] == [
        ("change", "1")
    ]
    # The warning covers the exit bar, so it carries the way out as well.
    assert warning.select_one("a[href='/exit']") is not None


def test_an_empty_screen_resets_without_a_warning(kiosk):
    warning = parse(kiosk.get("/")).select_one("dialog[data-idle-warning]")
    assert warning.has_attr("data-nothing-to-clear")


def test_finish_and_clear_clears_everything_and_returns_to_the_start(kiosk):
    page = parse(complete_check(kiosk, {"control": "yes"}))
    form = page.select_one("form.finish")
    assert text_of(form.select_one("button")) == "Finish and clear"
    response = kiosk.post(form["action"])
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert "cleared from this screen" in text_of(parse(kiosk.get("/")).select_one(".notification"))
    with kiosk.session_transaction() as session:
        assert ANSWERS_KEY not in session
        assert EXIT_HELP_SEEN_KEY not in session
    assert kiosk.get("/what-to-do-next").headers["Location"] == "/"
    assert begin(kiosk).headers["Location"] == "/before-you-start"


def test_finish_and_clear_works_however_long_the_page_was_open(kiosk, later):
    page = parse(complete_check(kiosk, {"control": "yes"}))
    later(3 * 60 * 60)
    response = kiosk.post(page.select_one("form.finish")["action"])
    assert response.headers["Location"] == "/"
    assert answers_in(kiosk) == {}


# Ways around the rule that were found by probing the kiosk: each must fail.


def idle_person_part_way(kiosk, later) -> dict:
    """Someone answered two questions, then walked away for longer than the idle limit."""
    begin(kiosk)
    answer(kiosk, "appearance", "yes")
    answer(kiosk, "behaviour", "yes")
    later(IDLE_SECONDS + 5)
    return answers_in(kiosk)


def shows_nothing_of_them(kiosk) -> bool:
    """The next person, whatever they open, sees none of the earlier answers."""
    for path in ["/questions/appearance", "/questions/work", "/check-your-answers"]:
        response = kiosk.get(path)
        if response.status_code != 302 or response.headers["Location"] != "/":
            return False
    return answers_in(kiosk) == {}


def test_a_language_switch_after_the_idle_limit_clears_first(kiosk, later):
    assert idle_person_part_way(kiosk, later)
    response = kiosk.get("/questions/work?lang=ro")
    assert response.status_code == 303
    assert response.headers["Location"] == "/", "cleared, not switched"
    assert shows_nothing_of_them(kiosk)


def test_a_stale_form_after_the_idle_limit_clears_first(kiosk, later):
    assert idle_person_part_way(kiosk, later)
    response = kiosk.post("/questions/work", data={"answer": "no", "csrf_token": "stale"})
    assert response.status_code == 303, "cleared, not answered 400 with the session kept"
    assert response.headers["Location"] == "/"
    assert shows_nothing_of_them(kiosk)


def test_the_next_persons_first_click_after_the_idle_limit_shows_them_nothing(kiosk, later):
    # As on a screen whose script failed: no warning, no reset. The page left on the screen
    # is the next person's; whichever of its links they follow first (the language
    # switcher, Back, the footer's) must show them nothing of the person before.
    begin(kiosk)
    answer(kiosk, "appearance", "yes")
    left_on_screen = parse(kiosk.get("/questions/behaviour"))
    idle_session = kiosk.get_cookie("session").value
    later(IDLE_SECONDS + 5)
    links = [a["href"] for a in left_on_screen.select("a[href^='/']") if a["href"] != "/exit"]
    assert any("lang=" in link for link in links) and any("/questions/" in x for x in links)
    for link in links:
        kiosk.set_cookie("session", idle_session)
        response = kiosk.get(link, follow_redirects=True)
        shown = parse(response)
        assert shown.select("input[checked]") == [], link
        assert "not used for a while" in text_of(shown.select_one(".notification")), link
        assert answers_in(kiosk) == {}, link


def test_an_old_session_cannot_borrow_a_fresh_time_of_use(kiosk_app, kiosk, later):
    assert idle_person_part_way(kiosk, later)
    old_session = kiosk.get_cookie("session").value
    # A visit without their cookie is recent use of the screen, but not of their session.
    stranger = kiosk_app.test_client()
    stranger.get("/")
    stranger.post("/kiosk/still-here")
    kiosk.set_cookie("session", old_session)
    for name, value in stranger._cookies.items():
        if name[2] != "session":
            kiosk.set_cookie(name[2], value.value)
    assert kiosk.get("/questions/work").headers["Location"] == "/"
    assert shows_nothing_of_them(kiosk)


def test_a_response_to_an_idle_session_never_renews_it(kiosk, later):
    assert idle_person_part_way(kiosk, later)
    response = kiosk.get("/questions/work?lang=ro")
    # Whatever the response set, it holds none of the answers and no new time of use for
    # them: the session was emptied before anything else ran.
    assert answers_in(kiosk) == {}
    assert "session" not in response.headers.get("Set-Cookie", "") or (
        LAST_USED_KEY not in session_in(kiosk)
    )


def test_the_time_of_use_is_inside_the_signed_session(kiosk):
    begin(kiosk)
    assert isinstance(session_in(kiosk)[LAST_USED_KEY], int)
    # And in no cookie of its own.
    assert [cookie.key for cookie in kiosk._cookies.values()] == ["session"]


def test_a_visit_that_holds_nothing_writes_no_cookie(kiosk):
    for path in ["/welcome", "/healthz"]:
        response = kiosk.get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers, path


def test_a_language_chosen_on_the_welcome_screen_is_kept(kiosk):
    # A new visit's first choice, on a page the rule leaves alone: its own, not idle.
    kiosk.get("/welcome?lang=ro")
    page = parse(kiosk.get("/", follow_redirects=True))
    assert page.html["lang"] == "ro"
    assert page.select_one(".notification") is None


def test_an_idle_session_is_not_renewed_by_the_pages_the_rule_leaves_alone(kiosk, later):
    assert idle_person_part_way(kiosk, later)
    for path in ["/welcome", "/welcome?lang=ro"]:
        kiosk.get(path)
        assert kiosk.get("/questions/work").headers["Location"] == "/", path
        assert shows_nothing_of_them(kiosk)
