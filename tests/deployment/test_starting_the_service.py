"""Starting the service as production does: gunicorn with deploy/gunicorn.conf.py."""

import os
import subprocess
import sys

from flask import Flask

from app.wsgi import create_app_or_exit
from tests.support.project import PROJECT_ROOT, TEST_SECRET

BROKEN = (
    PROJECT_ROOT / "tests" / "checklist" / "broken_checklists" / "rule_names_unknown_contact.yaml"
)


def start_gunicorn(**env):
    """Run gunicorn as `make run` does; a service that starts is stopped after 20 s."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "deploy/gunicorn.conf.py",
            "--bind",
            "127.0.0.1:0",
            "app.wsgi:create_app_or_exit()",
        ],
        capture_output=True,
        text=True,
        env={**environment, **env},
        cwd=PROJECT_ROOT,
        timeout=20,
        check=False,
    )


def test_gunicorn_refuses_a_broken_checklist_with_the_report_and_no_traceback():
    result = start_gunicorn(FLASK_SECRET_KEY=TEST_SECRET, FLASK_CHECKLIST_PATH=str(BROKEN))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{BROKEN}: 1 problem found\n")
    assert "line 73, rules → item 2 (id 'report_concern') → contacts → item 2" in result.stderr
    assert "there is no contact 'hmrc'" in result.stderr
    assert "The service has not started" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Booting worker" not in result.stderr


def test_gunicorn_refuses_to_start_without_a_secret_and_says_why():
    result = start_gunicorn()
    assert result.returncode == 1
    assert result.stderr.startswith("FLASK_SECRET_KEY is not set.")
    assert "Traceback" not in result.stderr


def test_the_entry_point_builds_the_app_from_the_environment(monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", TEST_SECRET)
    monkeypatch.delenv("FLASK_CHECKLIST_PATH", raising=False)
    app = create_app_or_exit()
    assert isinstance(app, Flask)
    assert app.test_client().get("/healthz").get_data(as_text=True) == "ok"
