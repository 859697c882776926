"""A kiosk to test: the app with KIOSK_MODE on, and a clock to move on."""

import time

import pytest

from tests.support.pages import page_of_every_kind


@pytest.fixture
def kiosk_app(make_app):
    # EXIT_URL=None: the kiosk's own default, as a real kiosk without FLASK_EXIT_URL has.
    return make_app(KIOSK_MODE=True, EXIT_URL=None)


@pytest.fixture
def kiosk(kiosk_app):
    return kiosk_app.test_client()


@pytest.fixture
def kiosk_pages(kiosk):
    pages = list(page_of_every_kind(kiosk))
    kiosk.get("/exit")
    pages.append(("welcome", kiosk.get("/welcome")))
    return pages


@pytest.fixture
def later(monkeypatch):
    """Move the clock on by some seconds from now."""
    start = time.time()

    def move_on(seconds):
        monkeypatch.setattr(time, "time", lambda: start + seconds)

    return move_on
