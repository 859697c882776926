"""One browser whose requests go to several instances of the app, as behind a load balancer
or across a restart: its session cookie travels with it from one to the next."""

from __future__ import annotations


class SharedCookieBrowser:
    """A client for tests/support/walker.py's ClientVisitor over Flask test clients of
    `apps`: each request goes to the next app in turn (`alternate`), or always to the
    first (`alternate=False`); `apps` can be replaced between requests (a restart)."""

    def __init__(self, apps, *, alternate: bool = True):
        self.alternate = alternate
        self.serve_from(apps)
        self.cookie = None
        self.turn = 0
        self.served_by = []

    def serve_from(self, apps) -> None:
        self.clients = [app.test_client() for app in apps]

    def open(self, path, method="GET", **kwargs):
        index = self.turn % len(self.clients) if self.alternate else 0
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
