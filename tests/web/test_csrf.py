"""What app/web/csrf.py assumes of Flask-WTF, checked against the installed version: if an
upgrade changes any of it, these fail before a form post does. Then the check itself: a
token on every form post except the ways out and the exempted pages."""

from flask import session
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf, validate_csrf

from app.journey.cookie import CSRF_SECRET_KEY
from app.web.csrf import reused_form_token
from tests.support.pages import begin, parse


def test_the_secret_lives_in_the_session_under_the_field_name(app):
    assert app.config["WTF_CSRF_FIELD_NAME"] == CSRF_SECRET_KEY
    with app.test_request_context("/"):
        token = generate_csrf()
        assert isinstance(session[CSRF_SECRET_KEY], str)
        assert generate_csrf() == token, "one token a request"
        validate_csrf(token)


def test_a_token_signed_earlier_is_checked_like_a_new_one(app):
    with app.test_request_context("/"):
        first = reused_form_token()
        secret = session[CSRF_SECRET_KEY]
    with app.test_request_context("/"):
        session[CSRF_SECRET_KEY] = secret
        assert reused_form_token() == first, "reused within the window"
        validate_csrf(first)


def test_protect_refuses_a_missing_or_forged_token_with_csrf_error(app):
    protect = CSRFProtect(app).protect
    for data in [{}, {"csrf_token": "forged"}]:
        with app.test_request_context("/", method="POST", data=data):
            try:
                protect()
            except CSRFError:
                continue
            raise AssertionError(f"accepted {data}")


def test_flask_wtf_does_not_check_by_itself(app):
    # app/web/csrf.py switches Flask-WTF's own check off and calls protect() itself.
    assert app.config["WTF_CSRF_CHECK_DEFAULT"] is False


def test_every_form_post_needs_its_token(client):
    begin(client)
    for path in ["/", "/questions/appearance", "/start-again"]:
        response = client.post(path, data={"answer": "yes", "audience": "myself"})
        assert response.status_code == 400, path
        assert "did not go through" in parse(response).select_one("h1").get_text()


def test_the_way_out_needs_no_token(client):
    begin(client)
    assert client.post("/exit").status_code == 303


def test_the_kiosks_own_pages_need_no_token(make_app):
    kiosk = make_app(KIOSK_MODE=True).test_client()
    assert kiosk.post("/kiosk/finish").status_code == 303
    assert kiosk.post("/kiosk/still-here").status_code == 204


def test_an_unknown_address_is_not_found_whatever_it_carries(client):
    assert client.post("/no-such-page").status_code == 404
