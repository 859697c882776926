import pytest
import yaml

from app import create_app
from tests.support.project import REAL_CHECKLIST, TEST_SECRET

# The browser tests' fixtures and rules, for the `*_in_chromium.py` modules in every folder.
pytest_plugins = ["tests.support.browser_fixtures"]


@pytest.fixture
def make_app():
    """Build an app with the test defaults plus any overrides."""

    def build(**overrides):
        config = {"TESTING": True, "SECRET_KEY": TEST_SECRET, "EXIT_URL": "https://exit.test/"}
        config.update(overrides)
        return create_app(config)

    return build


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def checklist_data():
    """The real checklist as plain data, for tests that break or change a copy of it."""
    return yaml.safe_load(REAL_CHECKLIST.read_text(encoding="utf-8"))


@pytest.fixture
def write_checklist(tmp_path):
    """Write checklist data (or raw text/bytes) to a file and return its path."""

    def write(content, name="checklist.yaml"):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        return path

    return write
