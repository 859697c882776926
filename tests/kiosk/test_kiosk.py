"""Kiosk mode: a shared screen never leads anyone off the screen, shows contacts as text
and QR codes, and leaves for a plain screen of its own. (How it clears itself is in
test_idle_rule.py; the countdown in kiosk.js needs a real browser: test_kiosk_in_chromium.py.)"""

import pytest

from app import create_app
from app.journey.cookie import LAST_USED_KEY
from app.settings import ConfigurationError
from tests.support.pages import (
    begin,
    complete_check,
    loaded_files,
    page_of_every_kind,
    parse,
    text_of,
)
from tests.support.project import TEST_SECRET
from tests.support.qr import encodes
from tests.support.sessions import session_in

IDLE_SECONDS = 120
SUBJECT_WORDS = ["slavery", "trafficking", "exploitation", "helpline", "check", "police", "abuse"]


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
    assert LAST_USED_KEY not in session_in(client), "the public site notes no time of use"
    guidance = parse(dict(public_pages)["guidance"])
    assert guidance.select_one("a[href^='tel:']") is not None
    for route in ["/welcome", "/kiosk/reset", "/kiosk/finish", "/kiosk/still-here"]:
        assert client.post(route).status_code == 404, route


def test_the_public_site_leaves_for_a_neutral_website_by_default(make_app):
    assert make_app(EXIT_URL=None).test_client().get("/exit").headers["Location"] == (
        "https://www.bbc.co.uk/weather"
    )
