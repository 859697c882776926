"""/healthz and /readyz: for the platform that runs the service, answered before Flask.

- Liveness, /healthz: the process answers at all (a platform restarts one that does not).
- Readiness, /readyz: this instance may be sent people. 503 until create_app() has
  finished (the checklist loaded and checked, the pages prebuilt), 200 from then on, and
  503 again from the moment it begins to shut down (a gunicorn worker that received
  SIGTERM: deploy/gunicorn.conf.py says how it is told), so that a load balancer or
  Kubernetes stops sending it new requests while those already in progress finish.

Probes come every few seconds for as long as the service runs: they must cost next to
nothing, and being about no one, they must never open the session, set a cookie, choose a
language or be logged. So, like the static files (app/web/assets.py), they are answered in a
WSGI layer in front of Flask. No page links to them; the privacy headers, X-Robots-Tag
among them, are added around this layer (app/web/headers.py) as for every other response.
"""

from __future__ import annotations

LIVENESS = "/healthz"
READINESS = "/readyz"
_PLAIN_TEXT = ("Content-Type", "text/plain; charset=utf-8")
# An answer about this instance at this moment: never kept by any cache.
_NO_STORE = ("Cache-Control", "no-store")


def register_health_endpoints(app) -> HealthEndpoints:
    """Put the endpoints in front of the app (and its static files); create_app() marks
    them ready as its last step. app.extensions["health"] is where gunicorn's hook finds
    them (deploy/gunicorn.conf.py)."""
    health = app.extensions["health"] = HealthEndpoints(app.wsgi_app)
    app.wsgi_app = health
    return health


class HealthEndpoints:
    """WSGI middleware: answers LIVENESS and READINESS itself; every other request goes on
    to the app. One per process: gunicorn's workers each have their own copy after the
    fork, and each is told of its own shutdown."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app
        self.ready = False
        self.shutting_down = False

    def mark_ready(self) -> None:
        """The app is built: called as the last step of create_app()."""
        self.ready = True

    def begin_shutdown(self) -> None:
        """This process has been asked to stop: readiness fails from now on."""
        self.shutting_down = True

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == LIVENESS:
            status, body = "200 OK", b"ok"
        elif path == READINESS:
            status, body = self._readiness()
        else:
            return self.wsgi_app(environ, start_response)
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            headers = [("Allow", "GET, HEAD"), ("Content-Length", "0"), _NO_STORE]
            start_response("405 Method Not Allowed", headers)
            return []
        headers = [_PLAIN_TEXT, ("Content-Length", str(len(body))), _NO_STORE]
        start_response(status, headers)
        return [] if method == "HEAD" else [body]

    def _readiness(self) -> tuple[str, bytes]:
        if self.shutting_down:
            return "503 Service Unavailable", b"shutting down"
        if not self.ready:
            return "503 Service Unavailable", b"starting"
        return "200 OK", b"ready"
