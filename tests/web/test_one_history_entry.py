"""Form posts from static/js/one_entry.js: a redirect becomes 204 and the address to go to;
everything else, and every post without the script, is answered exactly as before."""

import pytest

from app.journey.cookie import ANSWERS_KEY, AUDIENCE_KEY
from app.web.one_entry import HEADER, NEXT_PAGE, REPLACE
from tests.support.pages import begin, parse, submit, text_of

FROM_THE_SCRIPT = {HEADER: REPLACE}


def post_from_the_script(client, url, data=None, *, button=None):
    page = parse(client.get(url))
    form = page.select_one("form[method=post]")
    fields = {"csrf_token": form.select_one("input[name=csrf_token]")["value"]}
    fields.update(data or {})
    fields.update(button or {})
    return client.post(form["action"], data=fields, headers=FROM_THE_SCRIPT)


def test_an_answer_is_told_where_to_go_instead_of_redirected(client):
    begin(client)
    response = post_from_the_script(client, "/questions/appearance", {"answer": "yes"})
    assert response.status_code == 204
    assert response.headers[NEXT_PAGE] == "/questions/behaviour"
    assert "Location" not in response.headers
    assert response.get_data() == b""
    assert "Content-Type" not in response.headers
    # The answer was kept, as after the redirect.
    assert parse(client.get("/questions/appearance")).select_one("input[checked]")["value"] == "yes"


def test_the_cookie_comes_with_the_204_as_with_the_redirect(client):
    response = post_from_the_script(client, "/", button={"audience": "myself"})
    assert response.status_code == 204
    assert response.headers[NEXT_PAGE] == "/before-you-start"
    assert any(value.startswith("session=") for value in response.headers.getlist("Set-Cookie"))
    assert response.headers["Cache-Control"] == "no-store"


def test_the_same_post_without_the_script_is_redirected_as_before(client):
    begin(client)
    response = submit(client, "/questions/appearance", {"answer": "yes"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/questions/behaviour"
    assert NEXT_PAGE not in response.headers


def test_an_error_is_the_page_itself_as_before(client):
    """The script shows it in place of the form: it must be the whole page, not a 204."""
    begin(client)
    response = post_from_the_script(client, "/questions/appearance", {})
    assert response.status_code == 200
    page = parse(response)
    assert page.select_one("#main-content .error-summary") is not None
    assert page.title.string.startswith("Error:")


def test_a_form_that_expired_loads_the_same_page_afresh_with_the_message(client):
    """A page load, not a page shown in place of the form: focus and screen readers start
    at the top, where "Leave this site" is."""
    begin(client)
    response = client.post(
        "/questions/appearance",
        data={"answer": "yes", "csrf_token": "stale"},
        headers=FROM_THE_SCRIPT,
    )
    assert response.status_code == 204
    assert response.headers[NEXT_PAGE] == "/questions/appearance"
    page = parse(client.get("/questions/appearance"))
    notification = text_of(page.select_one("#main-content .notification"))
    assert "Sorry, your answer did not go through" in notification
    assert "Any answers you gave before this page are still here." in notification
    assert page.select_one("form input[name=csrf_token]")["value"] != "stale"
    # Shown once.
    assert parse(client.get("/questions/appearance")).select_one(".notification") is None


def test_a_form_sent_without_a_cookie_gets_the_page_itself(client):
    """The message could not travel in a cookie the browser does not keep."""
    response = client.post("/", data={"audience": "myself"}, headers=FROM_THE_SCRIPT)
    assert response.status_code == 400
    assert "did not go through" in text_of(parse(response).select_one("#main-content h1"))


def test_without_the_script_a_form_that_expired_gets_the_page_as_before(client):
    begin(client)
    response = client.post("/questions/appearance", data={"answer": "yes", "csrf_token": "x"})
    assert response.status_code == 400
    assert "did not go through" in text_of(parse(response).select_one("#main-content h1"))


@pytest.mark.parametrize("header", [{}, {HEADER: "push"}])
def test_only_the_scripts_own_header_changes_the_answer(client, header):
    response = client.post("/start-again", data={}, headers=header)
    assert response.status_code in (303, 400)
    assert NEXT_PAGE not in response.headers


def test_a_get_is_never_changed(client):
    response = client.get("/?lang=ro", headers=FROM_THE_SCRIPT)
    assert response.status_code == 303
    assert NEXT_PAGE not in response.headers


def test_leaving_by_a_post_still_clears_the_site(client):
    begin(client)
    response = client.post("/exit", headers=FROM_THE_SCRIPT)
    assert response.status_code == 204
    assert response.headers[NEXT_PAGE] == "https://exit.test/"
    assert "Clear-Site-Data" in response.headers


def test_kiosk_finish_and_clear_from_the_script(make_app):
    client = make_app(KIOSK_MODE=True).test_client()
    begin(client)
    response = client.post("/kiosk/finish", headers=FROM_THE_SCRIPT)
    assert response.status_code == 204
    assert response.headers[NEXT_PAGE] == "/"


# "Staying safe online" leads back into the check: with the visit in one history entry, the
# browser's Back would leave the site instead.


def back_link(client):
    link = parse(client.get("/staying-safe-online")).select_one("a.back-link")
    return link and link["href"]


def test_staying_safe_online_has_no_back_link_before_the_check_begins(client):
    assert back_link(client) is None


def test_staying_safe_online_leads_back_to_the_first_open_question(client):
    begin(client)
    assert back_link(client) == "/questions/appearance"
    submit(client, "/questions/appearance", {"answer": "no"})
    assert back_link(client) == "/questions/behaviour"


def test_staying_safe_online_leads_back_to_check_your_answers_at_the_end(client):
    from tests.support.pages import complete_check

    complete_check(client, {})
    assert back_link(client) == "/check-your-answers"


def test_staying_safe_online_has_no_back_link_for_answers_that_do_not_fit(client):
    with client.session_transaction() as session:
        session[AUDIENCE_KEY] = "someone_else"
        session[ANSWERS_KEY] = {"appearance": "perhaps"}
    assert back_link(client) is None


def test_staying_safe_online_says_what_back_shows_with_javascript_and_without(client):
    text = text_of(parse(client.get("/staying-safe-online")).select_one("main"))
    assert "your browser's Back button goes to the page you were on before" in text
    assert "Without it, or in a very old browser, pressing Back after you leave can" in text
    assert "It does not remove this site from your browser history" in text
    client.get("/?lang=ro")
    text = text_of(parse(client.get("/staying-safe-online")).select_one("main"))
    assert "vă duce la pagina pe care erați înainte" in text


def test_a_kiosk_says_nothing_of_a_back_button_it_does_not_show(make_app):
    client = make_app(KIOSK_MODE=True).test_client()
    text = text_of(parse(client.get("/staying-safe-online")).select_one("main"))
    assert "Back button" not in text
