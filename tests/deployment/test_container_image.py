"""The container image (deploy/Containerfile), run as docs/operators.md tells an operator to
run it: a read-only root file system, no capabilities, its own user (not root), PORT. The
journey is walked through it over HTTP by its own forms; the probes, its user, what it can
write, its log, a missing secret and a stop with an answer in progress are checked.

Built with Podman (harness/container.py). No container registry can be reached here, so
the base image the Containerfile's FROM names (docker.io/library/debian:bookworm-slim) is
made from Debian's own packages and imported under that same name when it is missing;
operators elsewhere pull the real one. The image is built once per test run and shared by
these tests; the first build on a machine takes minutes (the time is printed), later ones
reuse its layers.
"""

from __future__ import annotations

import os
import re
import threading
import time

import pytest

from harness.container import (
    IMAGE,
    OPERATOR_FLAGS,
    PROJECT_ROOT,
    build_image,
    ensure_base_image,
    image_size,
    podman,
    podman_or_skip,
    run,
)
from harness.deployed import SECRET, free_port
from harness.shutdown import HeldRequest, KeptAliveProbe
from tests.support.pages import text_of
from tests.support.project import UK
from tests.support.walker import HttpVisitor, answers_by, walk

# What a Kubernetes manifest gives the pod between SIGTERM and SIGKILL
# (terminationGracePeriodSeconds; docs/operators.md, "Shutting down").
GRACE_PERIOD = 30
NAME = f"warning-signs-check-test-{os.getpid()}"


@pytest.fixture(scope="session")
def image(pytestconfig):
    podman_or_skip()
    base_seconds = ensure_base_image()
    seconds = build_image(IMAGE)
    # Shown in every run, not only with -s: how long this slow step took.
    with pytestconfig.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
        if base_seconds is not None:
            print(f"\nContainer base image made from Debian's packages in {base_seconds:.0f} s")
        size = image_size(IMAGE) / 1_000_000
        print(f"\nContainer image {IMAGE} built in {seconds:.0f} s ({size:.0f} MB)")
    return IMAGE


@pytest.fixture(scope="module")
def served(image):
    with run(image, port=free_port(), name=NAME, FLASK_SECRET_KEY=SECRET) as container:
        yield container


def test_a_journey_through_the_container_by_its_own_forms(served):
    visitor = HttpVisitor(served.base)
    answers = answers_by(UK, lambda question, options: options[0])  # every sign yes, under 18
    for state in walk(visitor, UK, "someone_else", answers):
        page = visitor.page.html
        assert visitor.page.status == 200, state
        assert page.select_one("a.exit-link")["href"] == "/exit", state
        if state == "check your answers":
            assert len(page.select("a[href*='change=1']")) == len(UK.questions)
    assert text_of(page.select_one("h1")) == "What you can do next"
    assert page.select_one("a[href='tel:08004320804']") is not None  # work: yes
    assert page.select_one("a[href='tel:08088005000']") is not None  # under 18
    stylesheet, script = page.select_one("link[rel=stylesheet]"), page.select_one("script")
    for asset in [stylesheet["href"], script["src"]]:
        visitor.open(asset)
        assert visitor.page.status == 200, asset


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_the_probes_answer_and_set_no_cookie(served, path):
    visitor = HttpVisitor(served.base)
    visitor.open(path)
    response = visitor.page
    assert response.status == 200
    assert "Set-Cookie" not in response.headers
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"


def test_it_runs_as_a_numeric_user_that_is_not_root_with_no_capabilities(image, served):
    # Numeric in the image itself, so that Kubernetes' runAsNonRoot can check it.
    user = podman("image", "inspect", "--format", "{{.Config.User}}", image).stdout.strip()
    assert re.fullmatch(r"[1-9][0-9]*:[1-9][0-9]*", user), user
    # Every process in the container: gunicorn's master, its workers (and the shell).
    status = served.exec("sh", "-c", "cat /proc/[0-9]*/status").stdout
    uids = re.findall(r"^Uid:\s+(.+)$", status, re.MULTILINE)
    assert len(uids) >= 3
    assert all(set(line.split()) == {user.split(":")[0]} for line in uids), uids
    assert set(re.findall(r"^CapEff:\s+(\S+)$", status, re.MULTILINE)) == {"0" * 16}


def test_nothing_in_the_container_can_be_written_but_dev_shm(served):
    for folder in ["/", "/srv/check", "/srv/check/app", "/tmp", "/var/tmp", "/run"]:
        result = served.exec("touch", f"{folder}/written")
        assert result.returncode != 0, folder
        assert "Read-only file system" in result.stdout, (folder, result.stdout)
    # gunicorn's worker heartbeat files are there, unlinked as soon as they are made.
    assert served.exec("ls", "-A", "/dev/shm").stdout == ""


def test_it_listens_on_port_and_logs_to_the_engine(served):
    log = served.logs()
    assert re.search(rf"Listening at: http://\S+:{served.port} ", log), log
    assert "Booting worker" in log
    assert "Before going live" in log  # the app's own warnings, through the same stream
    assert "/readyz" not in log and "/healthz" not in log


def test_it_refuses_to_start_without_a_secret_and_says_why(image):
    with run(image, port=free_port(), name=f"{NAME}-no-secret", wait=False) as refused:
        assert refused.exit_status() == 1
        log = refused.logs()
    assert log.startswith("FLASK_SECRET_KEY is not set."), log
    assert "The service has not started" in log
    assert "Traceback" not in log


def test_an_operators_checklist_is_validated_in_the_image(image):
    checklist = PROJECT_ROOT / "checklists" / "romania.yaml"
    result = podman(
        *("run", "--rm", *OPERATOR_FLAGS, f"--volume={checklist}:/config/checklist.yaml:ro"),
        *("--env=FLASK_CHECKLIST_PATH=/config/checklist.yaml", image),
        *("flask", "checklist", "validate"),
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok\n/config/checklist.yaml: ")


def test_a_stop_lets_the_answer_in_progress_finish_and_exits_0(image):
    with run(image, port=free_port(), name=f"{NAME}-stop", FLASK_SECRET_KEY=SECRET) as served:
        visitor = HttpVisitor(served.base)
        visitor.open("/")
        form = visitor.page.html.select_one("form[method=post]")
        fields = {"csrf_token": form.select_one("[name=csrf_token]")["value"]}
        fields["audience"] = "someone_else"
        probe = KeptAliveProbe("127.0.0.1", served.port)
        assert probe.ask().status == 200
        cookie = f"session={visitor.cookie('session')}"
        answer = HeldRequest("127.0.0.1", served.port, "/", fields, cookie)

        exit_status = []
        stopping = time.monotonic()
        # As a platform stops it: SIGTERM, then SIGKILL if it outlives the grace period.
        stop = threading.Thread(target=lambda: exit_status.append(served.stop(GRACE_PERIOD)))
        stop.start()
        try:
            assert probe.until_not_ready(seconds=10).status == 503
            response = answer.finish()
        finally:
            stop.join(GRACE_PERIOD + 30)
            probe.close()
        assert response.status == 303
        assert response.getheader("Location") == "/before-you-start"
        assert exit_status == [0]
        assert time.monotonic() - stopping < GRACE_PERIOD
        log = served.logs()
        assert "Handling signal: term" in log and "Shutting down: Master" in log
