"""The accessibility statement, privacy notice and cookies page that a public service must
publish: in every language, about the organisation named in the checklist, and true of
the service as it is configured."""

from datetime import timedelta

import pytest

from tests.support.pages import begin, complete_check, parse, text_of
from tests.support.project import PROJECT_ROOT

ROMANIAN_CHECKLIST = PROJECT_ROOT / "checklists" / "romania.yaml"
PAGES = ["/accessibility", "/privacy", "/cookies"]


def heading(response) -> str:
    return text_of(parse(response).select_one("h1"))


@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_linked_from_every_page_footer(client, path):
    for page in ["/", "/staying-safe-online", "/no-such-page", path]:
        footer = parse(client.get(page)).select_one("footer")
        assert footer.select_one(f"a[href='{path}']") is not None, (page, path)


@pytest.mark.parametrize("checklist", [None, ROMANIAN_CHECKLIST], ids=["uk", "romania"])
def test_each_page_exists_in_every_language_with_the_exit_first(make_app, checklist):
    settings = {"CHECKLIST_PATH": str(checklist)} if checklist else {}
    app = make_app(**settings)
    organisation = app.extensions["checklist"].organisation
    headings = {}
    for language in app.extensions["checklist"].languages:
        client = app.test_client()
        client.get(f"/?lang={language}")
        for path in PAGES:
            response = client.get(path)
            assert response.status_code == 200, (language, path)
            page = parse(response)
            assert page.html["lang"] == language, path
            first = page.body.find(["a", "button", "input"])
            assert (first.name, first["href"]) == ("a", "/exit"), (language, path)
            headings[language, path] = heading(response)
            if path != "/cookies":
                assert organisation.name[language] in text_of(page.select_one("main")), path
    # Each page is really translated: no language shares another's heading.
    for path in PAGES:
        assert len({headings[language, path] for language, p in headings if p == path}) == len(
            app.extensions["checklist"].languages
        )


def test_the_accessibility_statement_says_what_is_true_of_this_service(make_app):
    client = make_app(PERMANENT_SESSION_LIFETIME=timedelta(minutes=30)).test_client()
    page = parse(client.get("/accessibility"))
    main = text_of(page.select_one("main"))
    assert "partially compliant with the Web Content Accessibility Guidelines" in main
    # The time limit it admits to is the one the service is running with.
    assert "if you stop for more than 30 minutes, your answers are cleared" in main
    assert "last tested, on 29 November 2026 by the team that built the service" in main
    assert "Equality Advisory and Support Service" in main
    assert "Accessibility Regulations 2018" in main
    assert page.select_one("main a[href='mailto:accessibility@example.org']") is not None


def test_the_privacy_notice_names_the_controller_the_cookie_and_the_regulator(client):
    page = parse(client.get("/privacy"))
    main = text_of(page.select_one("main"))
    assert "Example Organisation runs this service and is responsible" in main
    assert "not stored on our server and are not written in any log" in main
    assert "it is not encrypted" in main
    assert "no longer accepts the answers in it" in main
    assert "After 1 hour without an answer" in main
    assert page.select_one("main a[href='mailto:data.protection@example.org']") is not None
    assert page.select_one("main a[href='https://ico.org.uk/make-a-complaint/']") is not None
    assert page.select_one("main a[href='/cookies']") is not None


def cookie_table(response) -> dict[str, str]:
    rows = parse(response).select("table[data-cookie]")
    return {row["data-cookie"]: row["data-ends-when-the-browser-closes"] for row in rows}


def cookies_set_while_walking(client) -> set[str]:
    begin(client)
    complete_check(client, {"work": "yes"})
    client.get("/what-to-do-next")
    return {cookie.key for cookie in client._cookies.values()}


def test_the_cookie_table_lists_exactly_the_cookies_a_journey_sets(client):
    assert cookie_table(client.get("/cookies")) == {"session": "true"}
    assert cookies_set_while_walking(client) == {"session"}


def test_a_kiosk_session_cookie_also_says_when_the_screen_was_last_used(make_app):
    client = make_app(KIOSK_MODE=True, KIOSK_IDLE_SECONDS=180).test_client()
    response = client.get("/cookies")
    assert cookie_table(response) == {"session": "true"}
    rows = parse(response).select("table[data-cookie=session] tr")
    purpose = rows[1].select_one("td")
    assert "Remembers your answers" in text_of(purpose)
    assert "cleared after 3 minutes without use" in text_of(purpose)
    assert cookies_set_while_walking(client) == {"session"}


def test_the_cookie_name_comes_from_the_setting(make_app):
    client = make_app(SESSION_COOKIE_NAME="check").test_client()
    assert cookie_table(client.get("/cookies")) == {"check": "true"}
    assert cookies_set_while_walking(client) == {"check"}


def test_a_kiosk_shows_contacts_as_text_and_qr_codes(make_app):
    client = make_app(KIOSK_MODE=True, EXIT_URL=None).test_client()
    page = parse(client.get("/privacy"))
    main = page.select_one("main")
    assert main.select("a[href^=mailto], a[href^=http]") == []
    assert "data.protection@example.org" in text_of(main)
    assert "ico.org.uk/make-a-complaint" in text_of(main)
    assert len(main.select("img[src^='data:image/png']")) == 2


def test_placeholders_are_accepted_but_named_at_start_up(make_app, caplog):
    make_app()
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("complete the organisation section" in message for message in warnings)


def test_a_completed_organisation_section_is_not_warned_about(
    make_app, checklist_data, write_checklist, caplog
):
    del checklist_data["organisation"]["confirm_before_use"]
    make_app(CHECKLIST_PATH=str(write_checklist(checklist_data)))
    assert not any("organisation section" in record.getMessage() for record in caplog.records)
