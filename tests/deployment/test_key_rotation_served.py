"""Changing the secret key, as deployed: two gunicorn processes started as `make run` starts
them, the keys given as an operator gives them (FLASK_SECRET_KEY, and
FLASK_SECRET_KEY_FALLBACKS as a JSON list), one of each kind while step 2 of the procedure
rolls out (docs/operators.md, "Changing the secret key"). A load balancer sends each request
to the other: every page is shown by one and its form sent to the other, and the journey
reaches its guidance with every answer kept. Then the guide's Kubernetes steps, run as
written. (Issue 23, part 5.)
"""

from __future__ import annotations

import json
import re
import subprocess
import textwrap

from app import create_app
from harness.deployed import PROJECT_ROOT, gunicorn
from tests.support.project import UK
from tests.support.walker import HttpVisitor, answers_by, walk

OLD = "the-old-secret-" + "o" * 40
NEW = "the-new-secret-" + "n" * 40


class BalancedVisitor(HttpVisitor):
    """One browser behind a load balancer that sends each request to the next instance."""

    def __init__(self, bases: list[str]):
        super().__init__(bases[0])
        self.bases = bases
        self.served_by: list[str] = []

    def _request(self, method, path, fields):
        self.base = self.bases[len(self.served_by) % len(self.bases)]
        self.served_by.append(self.base)
        return super()._request(method, path, fields)


def test_a_journey_across_instances_with_the_old_and_the_new_key():
    with (
        gunicorn(SECRET_KEY=OLD, SECRET_KEY_FALLBACKS=json.dumps([NEW])) as step_1_done,
        gunicorn(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=json.dumps([OLD])) as step_2_done,
    ):
        visitor = BalancedVisitor([step_1_done, step_2_done])
        answers = answers_by(UK, lambda question, options: options[0])
        states = list(walk(visitor, UK, "someone_else", answers))
    assert states[-1] == "guidance"
    assert set(visitor.served_by) == {step_1_done, step_2_done}
    refused = [(a.method, a.path, a.status) for a in visitor.answers if a.status >= 400]
    assert not refused
    sent = [a for a in visitor.answers if a.method == "POST"]
    assert len(sent) == 1 + len(UK.questions), "every answer went through at the first try"
    guidance = visitor.page.html
    assert guidance.select_one("a[href='tel:08004320804']") is not None  # work: yes
    assert guidance.select_one("a[href='tel:08088005000']") is not None  # under 18


def the_guides_kubernetes_steps() -> list[str]:
    """The shell commands of each step in docs/operators.md, "Changing the secret key on
    Kubernetes", without `kubectl apply`, which needs a cluster."""
    guide = (PROJECT_ROOT / "docs" / "operators.md").read_text()
    section = guide[guide.index("### Changing the secret key on Kubernetes") :]
    section = section[: section.index("\n## ")]
    steps = []
    for block in re.findall(r"```sh\n(.*?\n)\s*```", section, re.S):
        commands = textwrap.dedent(block)
        assert "kubectl apply -k .\n" in commands
        steps.append(commands.replace("kubectl apply -k .\n", ""))
    assert len(steps) == 3
    return steps


def test_the_kubernetes_steps_as_the_guide_writes_them(tmp_path, monkeypatch):
    # The overlay's two files as "Step by step" makes them.
    (tmp_path / "secret-key").write_text(OLD)
    (tmp_path / "secret-key-fallbacks").write_text("[]\n")
    keys = []
    for commands in the_guides_kubernetes_steps():
        subprocess.run(["bash", "-e"], input=commands, text=True, cwd=tmp_path, check=True)
        # What the pods are given: each file's content as it is.
        monkeypatch.setenv("FLASK_SECRET_KEY", (tmp_path / "secret-key").read_text())
        monkeypatch.setenv(
            "FLASK_SECRET_KEY_FALLBACKS", (tmp_path / "secret-key-fallbacks").read_text()
        )
        config = create_app().config  # start-up accepts every step
        keys.append((config["SECRET_KEY"], config["SECRET_KEY_FALLBACKS"]))
    (old, first), (new, second), (last, third) = keys
    assert old == OLD and len(first) == 1 and re.fullmatch("[0-9a-f]{64}", first[0])
    assert (new, second) == (first[0], [OLD])
    assert (last, third) == (new, [])
