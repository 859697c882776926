"""Leaving the site: nothing stays behind, and the destination cannot be changed by a link."""

from app.settings import DEFAULTS
from tests.support.pages import complete_check


def test_leaving_clears_every_answer_and_goes_to_the_configured_site(client):
    complete_check(client, {"appearance": "yes"})
    response = client.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == "https://exit.test/"
    assert client.get_cookie("session") is None
    assert client.get("/what-to-do-next").headers["Location"] == "/"


def test_leaving_works_as_a_form_post_without_a_token(client):
    complete_check(client, {})
    response = client.post("/exit")
    assert response.status_code == 303
    assert client.get("/check-your-answers").headers["Location"] == "/"


def test_no_parameter_can_change_where_leaving_goes(client):
    for query in ["?next=https://evil.test", "?url=//evil.test", "?EXIT_URL=https://evil.test"]:
        response = client.get("/exit" + query)
        assert response.headers["Location"] == "https://exit.test/"


def test_without_a_setting_the_checklist_names_the_destination(make_app):
    assert DEFAULTS["EXIT_URL"] is None
    app = make_app(EXIT_URL=None)
    response = app.test_client().get("/exit")
    assert response.headers["Location"] == "https://www.bbc.co.uk/weather"
