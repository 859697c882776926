"""Any number of instances serve one journey: nothing about a person is kept in a process."""

from app import create_app
from tests.support.instances import SharedCookieBrowser
from tests.support.project import TEST_SECRET, UK
from tests.support.walker import ClientVisitor, answers_by, question_path, walk


def instances(*secrets):
    return [
        create_app({"SECRET_KEY": secret, "EXIT_URL": "https://exit.test/"}) for secret in secrets
    ]


def test_a_journey_alternating_between_two_instances_with_one_secret():
    browser = SharedCookieBrowser(instances(TEST_SECRET, TEST_SECRET))
    visitor = ClientVisitor(browser)
    answers = answers_by(UK, lambda question, options: options[0])  # every sign yes, under 18
    for state in walk(visitor, UK, "someone_else", answers):
        if visitor.answers[-1].method == "GET" and len(visitor.answers) > 1:
            # Every page was shown by one instance and its form sent to the other.
            assert browser.served_by[-1] != browser.served_by[-2], state
    page = visitor.page.html
    assert page.select_one("h1").get_text(strip=True) == "What you can do next"
    assert page.select_one("a[href='tel:08004320804']") is not None  # work: yes
    assert page.select_one("a[href='tel:08088005000']") is not None  # under 18
    assert set(browser.served_by) == {0, 1}


def test_instances_with_different_secrets_do_not_share_journeys():
    browser = SharedCookieBrowser(instances(TEST_SECRET, "another-" + TEST_SECRET))
    visitor = ClientVisitor(browser)
    visitor.open("/")
    visitor.press("audience", "someone_else")
    # The other instance cannot read the cookie, so it starts afresh rather than guess.
    visitor.open(question_path(UK.questions[0].id))
    assert visitor.answers[-2].location == "/"
