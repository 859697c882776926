"""Start-up refuses settings that would make sessions forgeable or silently lost."""

import logging

import pytest

from app import create_app
from app.settings import ConfigurationError
from tests.support.project import TEST_SECRET


def production(**settings):
    return create_app({"TESTING": False, "DEBUG": False, **settings})


def test_a_missing_secret_stops_start_up_outside_development():
    with pytest.raises(ConfigurationError, match="FLASK_SECRET_KEY is not set"):
        production()


def test_a_placeholder_secret_stops_start_up():
    with pytest.raises(ConfigurationError, match="too short"):
        production(SECRET_KEY="dev")


def test_a_real_secret_starts_quietly(caplog, checklist_data, write_checklist):
    # A checklist ready to go live: the shipped one's example organisation is warned about,
    # and so are its translations until they are reviewed.
    del checklist_data["organisation"]["confirm_before_use"]
    checklist_data["awaiting_native_speaker_review"] = []
    ready = str(write_checklist(checklist_data))
    with caplog.at_level(logging.WARNING):
        app = production(SECRET_KEY=TEST_SECRET, CHECKLIST_PATH=ready)
    assert app.config["SECRET_KEY"] == TEST_SECRET
    assert caplog.records == []


def test_a_secret_made_up_for_one_machine_is_accepted_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING):
        production(SECRET_KEY=TEST_SECRET, SECRET_KEY_GENERATED=True)
    assert "lost when the service restarts" in caplog.text


def test_development_without_a_secret_uses_a_random_one(caplog):
    with caplog.at_level(logging.WARNING):
        app = create_app({"TESTING": True})
    assert len(app.config["SECRET_KEY"]) >= 32
    assert "FLASK_SECRET_KEY is not set" in caplog.text


def test_settings_come_from_prefixed_environment_variables(monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("FLASK_EXIT_URL", "https://example.org/")
    app = create_app()
    assert app.config["EXIT_URL"] == "https://example.org/"
    assert app.config["SEARCH_INDEXING"] is True, "on unless turned off"


@pytest.mark.parametrize(("value", "on"), [("0", False), ("1", True), ("false", False)])
def test_search_indexing_is_turned_off_and_on_from_the_environment(monkeypatch, value, on):
    monkeypatch.setenv("FLASK_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("FLASK_SEARCH_INDEXING", value)
    assert create_app().config["SEARCH_INDEXING"] is on


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("TRUSTED_PROXY_COUNT", "one", "FLASK_TRUSTED_PROXY_COUNT must be the number of proxies"),
        ("TRUSTED_PROXY_COUNT", -1, "FLASK_TRUSTED_PROXY_COUNT must be"),
        ("PREBUILT_PAGES", "off", "FLASK_PREBUILT_PAGES must be 1"),
        ("SEARCH_INDEXING", "no", "FLASK_SEARCH_INDEXING must be 1 \\(on\\) or 0"),
        ("PERMANENT_SESSION_LIFETIME", 0, "FLASK_PERMANENT_SESSION_LIFETIME must be"),
        ("PERMANENT_SESSION_LIFETIME", "an hour", "FLASK_PERMANENT_SESSION_LIFETIME must be"),
        ("EXIT_URL", "javascript:alert(1)", "FLASK_EXIT_URL must be a web address"),
        ("EXIT_URL", 7, "FLASK_EXIT_URL must be a web address"),
        ("PUBLIC_URL", "http://check.example.org/", "FLASK_PUBLIC_URL must be the check's"),
        ("PUBLIC_URL", "https://check.example.org/#start", "FLASK_PUBLIC_URL must be"),
        ("PUBLIC_URL", 7, "FLASK_PUBLIC_URL must be"),
    ],
)
def test_a_malformed_setting_stops_start_up_naming_it(setting, value, message):
    with pytest.raises(ConfigurationError, match=message):
        production(SECRET_KEY=TEST_SECRET, **{setting: value})


def test_settings_in_their_other_accepted_forms_start_the_service():
    app = production(
        SECRET_KEY=TEST_SECRET,
        TRUSTED_PROXY_COUNT="1",
        PERMANENT_SESSION_LIFETIME=1800,
        PUBLIC_URL="https://check.example.org",
    )
    assert app.config["TRUSTED_PROXY_COUNT"] == 1
    # Always ending in "/", so that a language's start page is <PUBLIC_URL><code>/.
    assert app.config["PUBLIC_URL"] == "https://check.example.org/"


def test_the_public_address_may_be_left_unset():
    app = production(SECRET_KEY=TEST_SECRET, PUBLIC_URL="")
    assert app.config["PUBLIC_URL"] is None


# FLASK_SECRET_KEY_FALLBACKS: earlier keys still accepted while the key is changed
# (docs/operators.md, "Changing the secret key"). A JSON list in the environment.
EARLIER_KEY = "an-earlier-secret-" + "e" * 40


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (EARLIER_KEY, "must be a JSON list of earlier keys"),
        ({"key": EARLIER_KEY}, "must be a JSON list of earlier keys"),
        (7, "must be a JSON list of earlier keys"),
        ([EARLIER_KEY, 7], "item 2 is not a key in quotes"),
        ([["nested"]], "item 1 is not a key in quotes"),
        (["dev"], "item 1 is too short to be a real secret"),
        ([EARLIER_KEY, TEST_SECRET], "item 2 is FLASK_SECRET_KEY itself"),
    ],
    ids=[
        "a bare key",
        "a map",
        "a number",
        "a number in the list",
        "a list in the list",
        "a placeholder",
        "the key itself",
    ],
)
def test_malformed_fallback_keys_stop_start_up_naming_the_setting_but_no_key(value, message):
    with pytest.raises(ConfigurationError, match=message) as refused:
        production(SECRET_KEY=TEST_SECRET, SECRET_KEY_FALLBACKS=value)
    assert "FLASK_SECRET_KEY_FALLBACKS" in str(refused.value)
    # A key is a secret: a message for the log never repeats one.
    for secret in [EARLIER_KEY, TEST_SECRET]:
        assert secret not in str(refused.value)


@pytest.mark.parametrize(
    ("environment", "fallbacks"),
    [
        (None, []),
        ("[]", []),  # the Kubernetes example overlay's, when there are none
        ("", []),
        (f'["{EARLIER_KEY}"]', [EARLIER_KEY]),
        (f'["{EARLIER_KEY}", "{EARLIER_KEY[::-1]}"]', [EARLIER_KEY, EARLIER_KEY[::-1]]),
    ],
    ids=["unset", "an empty list", "empty", "one key", "two keys"],
)
def test_fallback_keys_come_from_the_environment_as_a_json_list(
    monkeypatch, environment, fallbacks
):
    monkeypatch.setenv("FLASK_SECRET_KEY", TEST_SECRET)
    if environment is not None:
        monkeypatch.setenv("FLASK_SECRET_KEY_FALLBACKS", environment)
    assert create_app().config["SECRET_KEY_FALLBACKS"] == fallbacks


def test_fallback_keys_that_are_not_json_stop_start_up(monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("FLASK_SECRET_KEY_FALLBACKS", f"{EARLIER_KEY},{EARLIER_KEY[::-1]}")
    with pytest.raises(ConfigurationError, match="must be a JSON list") as refused:
        create_app()
    assert EARLIER_KEY not in str(refused.value)
