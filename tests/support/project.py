"""Where the project is, and the settings every test app shares."""

import os
import subprocess
import sys
from pathlib import Path

from app.checklist import load_checklist

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REAL_CHECKLIST = PROJECT_ROOT / "checklist.yaml"
TEST_SECRET = "test-secret-" + "x" * 40
CHECKLIST_FILES = [REAL_CHECKLIST, *sorted((PROJECT_ROOT / "checklists").glob("*.yaml"))]
# The UK check, as the app loads it.
UK = load_checklist(REAL_CHECKLIST)


def validate(*args, env=None):
    """Run the operator's command exactly as docs/content-editors.md gives it."""
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "checklist", "validate", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=PROJECT_ROOT,
        check=False,
    )
