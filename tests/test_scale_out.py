"""Any number of instances serve one journey: nothing about a person is kept in a process."""

from app import create_app
from tests.support.pages import SIGN_IDS, parse, text_of
from tests.support.project import TEST_SECRET


class AlternatingBrowser:
    """One browser whose requests a load balancer sends to each instance in turn."""

    def __init__(self, apps):
        self.clients = [app.test_client() for app in apps]
        self.cookie = None
        self.turn = 0
        self.served_by = []

    def request(self, method, path, **kwargs):
        index = self.turn % len(self.clients)
        self.turn += 1
        client = self.clients[index]
        if self.cookie is not None:
            client.set_cookie("session", self.cookie)
        else:
            client.delete_cookie("session")
        response = client.open(path, method=method, **kwargs)
        stored = client.get_cookie("session")
        self.cookie = stored.value if stored else None
        self.served_by.append(index)
        return response

    def submit(self, path, fields):
        """Show a form on one instance and send it to the other."""
        token = parse(self.request("GET", path)).select_one("[name=csrf_token]")["value"]
        response = self.request("POST", path, data={**fields, "csrf_token": token})
        assert self.served_by[-1] != self.served_by[-2]
        return response


def test_a_journey_alternating_between_two_instances_with_one_secret():
    apps = [create_app({"SECRET_KEY": TEST_SECRET, "EXIT_URL": "https://exit.test/"}) for _ in "ab"]
    browser = AlternatingBrowser(apps)
    assert browser.submit("/", {"audience": "someone_else"}).status_code == 303
    for sign in SIGN_IDS:
        response = browser.submit(
            f"/questions/{sign}", {"answer": "yes" if sign == "work" else "no"}
        )
        assert response.status_code == 303, sign
    browser.submit("/questions/age", {"answer": "under_18"})
    page = parse(browser.request("GET", "/what-to-do-next"))
    assert text_of(page.select_one("h1")) == "What you can do next"
    assert page.select_one("a[href='tel:08004320804']") is not None  # work: yes
    assert page.select_one("a[href='tel:08088005000']") is not None  # under 18
    assert set(browser.served_by) == {0, 1}


def test_instances_with_different_secrets_do_not_share_journeys():
    apps = [
        create_app({"SECRET_KEY": TEST_SECRET, "EXIT_URL": "https://exit.test/"}),
        create_app({"SECRET_KEY": "another-" + TEST_SECRET, "EXIT_URL": "https://exit.test/"}),
    ]
    browser = AlternatingBrowser(apps)
    browser.submit("/", {"audience": "someone_else"})
    # The other instance cannot read the cookie, so it starts afresh rather than guess.
    response = browser.request("GET", "/questions/appearance")
    assert response.headers["Location"] == "/"
