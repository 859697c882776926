"""Changing the secret key loses no one (issue 23, part 5).

The procedure (docs/operators.md, "Changing the secret key"), for instances that change over
one by one: (1) every instance learns the new key as a fallback, (2) every instance signs
with the new key and keeps the old as a fallback, (3) after one session lifetime the old key
goes. At every moment two kinds of instance may serve one person in turn. Flask reads a
session cookie signed with any fallback key; Flask-WTF checks a form's token with the
current key only, so app/web/earlier_keys.py accepts a token an earlier key signed.
Through two gunicorn processes as deployed: tests/deployment/test_key_rotation_served.py.
"""

from __future__ import annotations

import pytest
from flask import session
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf, validate_csrf
from itsdangerous import BadSignature

from app import create_app
from app.journey.cookie import ANSWERS_KEY, CSRF_SECRET_KEY
from tests.support.instances import SharedCookieBrowser
from tests.support.pages import begin, parse
from tests.support.project import TEST_SECRET, UK
from tests.support.walker import ClientVisitor, answers_by, walk

OLD = TEST_SECRET
NEW = "the-new-secret-" + "n" * 40
ANSWERS = answers_by(UK, lambda question, options: options[0])  # every sign yes, under 18
# The three steps, each as the pair of instances that serve side by side while it rolls
# out: one already changed, one not yet.
STEPS = {
    "1: the new key learnt as a fallback": ((OLD, []), (OLD, [NEW])),
    "2: the new key signs, the old one still read": ((OLD, [NEW]), (NEW, [OLD])),
    "3: the old key dropped, after a session lifetime": ((NEW, [OLD]), (NEW, [])),
}


def instance(secret: str, fallbacks: list[str]):
    return create_app(
        {"SECRET_KEY": secret, "SECRET_KEY_FALLBACKS": fallbacks, "EXIT_URL": "https://exit.test/"}
    )


def assert_every_answer_kept(visitor: ClientVisitor) -> None:
    refused = [a for a in visitor.answers if a.status >= 400]
    assert not refused, [(a.method, a.path, a.status) for a in refused]
    guidance = visitor.page.html
    assert guidance.select_one("h1").get_text(strip=True) == "What you can do next"
    assert guidance.select_one("a[href='tel:08004320804']") is not None  # work: yes
    assert guidance.select_one("a[href='tel:08088005000']") is not None  # under 18


@pytest.mark.parametrize("step", list(STEPS))
def test_while_a_step_rolls_out_a_journey_goes_back_and_forth_without_a_refusal(step):
    browser = SharedCookieBrowser([instance(*kind) for kind in STEPS[step]])
    visitor = ClientVisitor(browser)
    for _ in walk(visitor, UK, "someone_else", ANSWERS):
        pass
    # Every page was shown by one kind of instance and its form sent to the other.
    assert set(browser.served_by) == {0, 1}
    assert_every_answer_kept(visitor)


def test_a_journey_started_under_the_old_key_finishes_under_the_new_one():
    # One instance restarted with the new key and the old as its fallback: the form on
    # the page shown before the restart is sent after it.
    browser = SharedCookieBrowser([instance(OLD, [])], alternate=False)
    visitor = ClientVisitor(browser)
    for state in walk(visitor, UK, "someone_else", ANSWERS):
        if state == "question work":
            browser.serve_from([instance(NEW, [OLD])])
    assert_every_answer_kept(visitor)


def test_a_form_loaded_before_the_switch_goes_through_with_nothing_lost():
    before, after = instance(OLD, []), instance(NEW, [OLD])
    browser = SharedCookieBrowser([before], alternate=False)
    visitor = ClientVisitor(browser)
    visitor.open("/")
    visitor.press("audience", "someone_else")
    visitor.go_on()  # past "before you start"
    visitor.choose("answer", "yes")
    visitor.choose("answer", "not_sure")
    assert visitor.path == "/questions/work"
    browser.serve_from([after])
    visitor.choose("answer", "no")
    assert visitor.answers[-2].status == 303, "the answer went through"
    assert visitor.path == "/questions/housing"
    client = after.test_client(use_cookies=False)
    checked = parse(client.get("/questions/behaviour", headers=_cookie(browser)))
    assert checked.select_one("input[checked]")["value"] == "not_sure"
    signed_by = after.session_interface.get_signing_serializer(after)
    assert signed_by.loads(browser.cookie)[ANSWERS_KEY] == {
        "appearance": "yes",
        "behaviour": "not_sure",
        "work": "no",
    }


def _cookie(browser: SharedCookieBrowser) -> dict:
    return {"Cookie": f"session={browser.cookie}"}


# What the rotation relies on in Flask and Flask-WTF, checked against the installed
# versions: if an upgrade changes it, these fail first.


def test_flask_reads_a_session_signed_with_a_fallback_and_signs_with_the_key():
    old, new = instance(OLD, []), instance(NEW, [OLD])
    cookie = old.session_interface.get_signing_serializer(old).dumps({ANSWERS_KEY: {}})
    assert new.session_interface.get_signing_serializer(new).loads(cookie) == {ANSWERS_KEY: {}}
    client = new.test_client()
    client.get("/")
    only_new = instance(NEW, [])
    assert only_new.session_interface.get_signing_serializer(only_new).loads(
        client.get_cookie("session").value
    )


def test_flask_wtf_checks_tokens_with_the_current_key_alone_and_takes_another_on_request():
    old, new = instance(OLD, []), instance(NEW, [OLD])
    with old.test_request_context("/"):
        token = generate_csrf()
        secret = session[CSRF_SECRET_KEY]
    with new.test_request_context("/", method="POST", data={"csrf_token": token}):
        session[CSRF_SECRET_KEY] = secret
        with pytest.raises(CSRFError):
            CSRFProtect(new).protect()
        validate_csrf(token, secret_key=OLD)


def test_the_signing_serializer_follows_the_keys_of_a_running_app():
    # app/journey/session_interface.py keeps the serializer while the keys stay the same.
    app = instance(OLD, [])
    client = app.test_client()
    begin(client)
    signed_old = client.get_cookie("session").value
    app.config.update(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=[OLD])
    assert app.session_interface.get_signing_serializer(app).loads(signed_old)
    begin(client, "myself")  # a new answer: the cookie is signed again
    only_new = instance(NEW, [])
    assert only_new.session_interface.get_signing_serializer(only_new).loads(
        client.get_cookie("session").value
    )
    app.config["SECRET_KEY_FALLBACKS"] = []
    with pytest.raises(BadSignature):
        app.session_interface.get_signing_serializer(app).loads(signed_old)
