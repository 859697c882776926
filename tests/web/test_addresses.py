"""Every address back to the same page (app/web/addresses.py): the attacks from issue 13, one by
one. tests/web/test_request_fuzzing.py tries every kind of character in general."""

import pytest

from tests.support.pages import begin, parse


@pytest.mark.parametrize(
    ("sent", "location"),
    [
        ("/%09/evil.example/phish?lang=en", "/%09/evil.example/phish"),
        ("/%0a/x?lang=en", "/%0A/x"),
        ("/%0d/x?lang=en", "/%0D/x"),
        ("/%5c/evil.example?lang=en", "/%5C/evil.example"),
        ("/%2f/evil.example?lang=en", "/evil.example"),
        ("/%ff?lang=en", "/%EF%BF%BD"),
        ("/questions/%0a?lang=en", "/questions/%0A"),
        # Query parameters are never url_for's keywords.
        ("/?_external=1&_scheme=https&lang=ro", "/?_external=1&_scheme=https"),
        ("/questions/appearance?question_id=x&lang=ro", "/questions/appearance?question_id=x"),
        ("/?a=1&a=2&lang=ro", "/?a=1&a=2"),
        ("/?next=%0a//evil.example&lang=ro", "/?next=%0A%2F%2Fevil.example"),
    ],
)
def test_the_language_switch_comes_back_to_a_quoted_address(client, sent, location):
    begin(client)
    response = client.get(sent)
    assert response.status_code == 303
    assert response.headers["Location"] == location


def test_a_missing_page_links_to_itself_quoted(client):
    page = parse(client.get("/%09/evil.example"))
    assert page.select_one("a[hreflang=ro]")["href"] == "/%09/evil.example?lang=ro"


def test_a_page_of_the_check_links_to_itself_by_its_route(client):
    begin(client)
    page = parse(client.get("/questions/appearance?change=1"))
    assert page.select_one("a[hreflang=ro]")["href"] == "/questions/appearance?change=1&lang=ro"
