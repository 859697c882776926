"""Kiosk mode: a shared screen never shows one person's answers to the next, and never
leads anyone off the screen. (The countdown in kiosk.js needs a real browser: those tests
belong with the browser tests.)"""

import time

import pytest

from app import create_app
from app.settings import ConfigurationError
from tests.support.pages import (
    answer,
    begin,
    complete_check,
    loaded_files,
    page_of_every_kind,
    parse,
    text_of,
)
from tests.support.project import TEST_SECRET
from tests.support.qr import encodes

IDLE_SECONDS = 120
SUBJECT_WORDS = ["slavery", "trafficking", "exploitation", "helpline", "check", "police", "abuse"]


@pytest.fixture
def kiosk_app(make_app):
    # EXIT_URL=None: the kiosk's own default, as a real kiosk without FLASK_EXIT_URL has.
    return make_app(KIOSK_MODE=True, EXIT_URL=None)


@pytest.fixture
def kiosk(kiosk_app):
    return kiosk_app.test_client()


@pytest.fixture
def kiosk_pages(kiosk):
    pages = list(page_of_every_kind(kiosk))
    kiosk.get("/exit")
    pages.append(("welcome", kiosk.get("/welcome")))
    return pages


@pytest.fixture
def later(monkeypatch):
    """Move the clock on by some seconds from now."""
    start = time.time()

    def move_on(seconds):
        monkeypatch.setattr(time, "time", lambda: start + seconds)

    return move_on


def answers_in(client) -> dict:
    with client.session_transaction() as session:
        return dict(session.get("answers", {}))


# No way off the kiosk


def test_no_kiosk_page_links_off_the_screen(kiosk_pages):
    for name, response in kiosk_pages:
        page = parse(response)
        for link in page.select("a[href]"):
            href = link["href"]
            # tel: and mailto: leave the kiosk browser too; "//host" is another site.
            assert href.startswith(("/", "#")) and not href.startswith("//"), (name, href)
        for form in page.select("form[action]"):
            assert form["action"].startswith("/") and not form["action"].startswith("//"), name
        for tag in page.select("link[href]:not([rel=icon]), script[src]"):
            assert tag["href" if tag.name == "link" else "src"].startswith("/static/"), name
        # Images are QR codes drawn inside the page: nothing is fetched for them.
        for image in page.select("img"):
            assert image["src"].startswith("data:image/png;base64,"), name


def test_kiosk_pages_keep_to_the_content_security_policy(kiosk_pages):
    for name, response in kiosk_pages:
        page = parse(response)
        assert page.select("style, [style]") == [], name
        assert [s for s in page.select("script") if not s.get("src")] == [], name
        assert response.headers["Cache-Control"] == "no-store", name


def test_a_crafted_address_cannot_become_a_link_off_the_kiosk(kiosk):
    response = kiosk.get("/", environ_overrides={"PATH_INFO": "//elsewhere.example/x"})
    assert response.status_code == 404
    # "I'm still here" reloads the same (missing) page, on this site.
    assert parse(response).select_one("[data-still-here]").find_parent("form")["action"] == (
        "/elsewhere.example/x"
    )


def guidance_pages(client):
    """Guidance pages that, between them, show every contact in the checklist."""
    yield complete_check(client, {"work": "yes", "control": "yes"}, age="under_18")
    yield complete_check(client, {}, age="adult")
    yield complete_check(client, {"control": "yes"}, audience="myself", age="adult")
    yield complete_check(client, {"control": "yes"}, audience="myself", age="under_18")


def test_every_contact_shows_its_number_large_and_qr_codes_that_carry_it(kiosk, kiosk_app):
    checklist = kiosk_app.extensions["checklist"]
    seen = set()
    for response in guidance_pages(kiosk):
        for card in parse(response).select("section.contact"):
            contact = checklist.contact(card.h3["id"].removeprefix("contact-"))
            seen.add(contact.id)
            expected = []
            if contact.phone:
                assert text_of(card.select_one(".contact__phone span")) == contact.phone
                expected.append(("tel:" + contact.phone.replace(" ", ""), contact.phone))
            if contact.web:
                assert contact.web.startswith("https://")
                expected.append((contact.web, contact.web.removeprefix("https://").rstrip("/")))
            if contact.email:
                expected.append(("mailto:" + contact.email, contact.email))
            codes = card.select("figure.qr img.qr-code")
            assert len(codes) == len(expected), contact.id
            for image, (data, shown_as) in zip(codes, expected, strict=True):
                assert encodes(image, data), (contact.id, data)
                assert shown_as in image["alt"], "described for screen readers"
            assert card.select("a") == [], "numbers and addresses are text, not links"
    assert seen == {contact.id for contact in checklist.contacts}


def test_the_guidance_page_says_how_to_take_details_away(kiosk):
    page = parse(complete_check(kiosk, {"work": "yes"}))
    assert "scan its QR code with your phone's camera" in text_of(page.select_one("main"))


def test_the_emergency_number_is_text_on_a_kiosk(kiosk):
    callout = parse(kiosk.get("/")).select_one(".warning-callout")
    assert text_of(callout.select_one(".warning-callout__number")) == "999"
    assert callout.select("a") == []


# Clearing the screen


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
    # Only the activity stamp: a late keep-alive must never write back the answers.
    cookies = response.headers.getlist("Set-Cookie")
    assert [c.split("=", 1)[0] for c in cookies] == ["kiosk_activity"]
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
        assert "answers" not in session
        assert "exit_help_seen" not in session
    assert kiosk.get("/what-to-do-next").headers["Location"] == "/"
    assert begin(kiosk).headers["Location"] == "/before-you-start"


def test_finish_and_clear_works_however_long_the_page_was_open(kiosk, later):
    page = parse(complete_check(kiosk, {"control": "yes"}))
    later(3 * 60 * 60)
    response = kiosk.post(page.select_one("form.finish")["action"])
    assert response.headers["Location"] == "/"
    assert answers_in(kiosk) == {}


# Leaving


def test_leaving_a_kiosk_lands_on_a_plain_screen_inside_the_app(kiosk):
    complete_check(kiosk, {"control": "yes"})
    response = kiosk.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == "/welcome"
    assert response.headers["Clear-Site-Data"] == '"cookies", "storage"'
    assert kiosk.get_cookie("session") is None
    welcome = kiosk.get("/welcome")
    assert welcome.status_code == 200
    assert kiosk.get_cookie("session") is None, "the welcome screen starts no session"
    assert kiosk.get("/what-to-do-next").headers["Location"] == "/"


def test_the_plain_screen_does_not_say_what_the_check_is_about(kiosk):
    page = parse(kiosk.get("/welcome"))
    words = text_of(page).lower()
    assert text_of(page.select_one("h1")) == "Welcome"
    for word in SUBJECT_WORDS:
        assert word not in words, word
    assert page.select("script") == []
    assert page.select_one("meta[http-equiv=refresh]") is None
    assert page.select("a[href]") == []
    assert [(form.get("method", "get"), form["action"]) for form in page.select("form")] == [
        ("get", "/")
    ]


def test_a_configured_exit_url_still_wins_on_a_kiosk(make_app):
    client = make_app(KIOSK_MODE=True, EXIT_URL="https://exit.test/").test_client()
    assert client.get("/exit").headers["Location"] == "https://exit.test/"


def test_leaving_works_however_long_the_screen_was_idle(kiosk, later):
    complete_check(kiosk, {"control": "yes"})
    later(IDLE_SECONDS * 10)
    assert kiosk.get("/exit").headers["Location"] == "/welcome"


def test_the_quick_exit_explanation_fits_the_kiosk(kiosk):
    begin(kiosk)
    body = text_of(parse(kiosk.get("/before-you-start")).select_one("main"))
    assert "shows a plain, everyday page" in body
    assert "website" not in body


# Settings, and the public site


def test_kiosk_mode_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("FLASK_KIOSK_MODE", "1")
    monkeypatch.setenv("FLASK_KIOSK_IDLE_SECONDS", "90")
    app = create_app()
    assert app.config["KIOSK_MODE"] is True
    response = app.test_client().get("/")
    assert parse(response).select_one("meta[http-equiv=refresh]")["content"].startswith("90;")


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("KIOSK_MODE", "off", "FLASK_KIOSK_MODE must be 1"),
        ("KIOSK_IDLE_SECONDS", 20, "at least 60"),
        ("KIOSK_IDLE_SECONDS", "2 minutes", "whole number of seconds"),
    ],
)
def test_unclear_kiosk_settings_stop_start_up(make_app, setting, value, message):
    settings = {"KIOSK_MODE": True, setting: value}
    with pytest.raises(ConfigurationError, match=message):
        make_app(**settings)


def test_the_public_site_has_none_of_the_kiosk(client):
    public_pages = list(page_of_every_kind(client))
    for name, response in public_pages:
        page = parse(response)
        assert page.select_one("meta[http-equiv=refresh]") is None, name
        files = loaded_files(client, response)
        assert "data-idle-warning" not in files["js"], name
        assert ".idle-warning" not in files["css"], name
        assert page.select("img.qr-code, dialog, form.finish") == [], name
        assert "kiosk" not in page.html.get("class", []), name
        assert "kiosk_activity" not in response.headers.get("Set-Cookie", ""), name
    guidance = parse(dict(public_pages)["guidance"])
    assert guidance.select_one("a[href^='tel:']") is not None
    for route in ["/welcome", "/kiosk/reset", "/kiosk/finish", "/kiosk/still-here"]:
        assert client.post(route).status_code == 404, route


def test_the_public_site_leaves_for_a_neutral_website_by_default(make_app):
    assert make_app(EXIT_URL=None).test_client().get("/exit").headers["Location"] == (
        "https://www.bbc.co.uk/weather"
    )
