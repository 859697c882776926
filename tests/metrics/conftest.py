"""Apps that count their figures in memory (METRICS on), for Flask's test client."""

import pytest


@pytest.fixture
def counting_app(make_app):
    return make_app(METRICS=True)


@pytest.fixture
def counting(counting_app):
    return counting_app.test_client()


@pytest.fixture
def counting_kiosk_app(make_app):
    return make_app(METRICS=True, KIOSK_MODE=True, EXIT_URL=None)
