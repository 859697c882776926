"""The figures from gunicorn as shipped (deploy/gunicorn.conf.py, harness/deployed.py) with
METRICS_PORT set: journeys walked over HTTP, then the listener scraped as Prometheus would.
It must hold the counts the walks caused and nothing about the people who walked: and the
public port, alone or through nginx as shipped, must know nothing of it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from app.checklist import load_checklist
from app.metrics import publishing
from harness.deployed import (
    PROJECT_ROOT,
    SECRET,
    UNVERIFIED_TLS,
    free_port,
    gunicorn,
    gunicorn_command,
    nginx,
    nginx_or_skip,
    port_of,
)
from tests.support.metrics import (
    allowed_label_values,
    expected_outcome,
    samples,
    total,
    value,
    values_outside_the_fixed_sets,
)
from tests.support.project import REAL_CHECKLIST
from tests.support.walker import HttpVisitor, answers_by, walk

CHECKLIST = load_checklist(REAL_CHECKLIST)


def get(url: str, **headers) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10, context=UNVERIFIED_TLS) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@contextmanager
def served_with_metrics(log_path, *extra_args, **environment):
    """gunicorn as shipped with METRICS_PORT (a free port); yields (its base address, the
    listener's address). "Leave this site" leads to one of its own pages, to be followed."""
    metrics_port = free_port()
    with (
        open(log_path, "w") as log,
        gunicorn(
            *extra_args,
            log=log,
            environment={"METRICS_PORT": str(metrics_port), **environment},
            EXIT_URL="/accessibility",
        ) as base,
    ):
        yield base, f"http://127.0.0.1:{metrics_port}/metrics"


def counted_in(log_path) -> str:
    found = re.search(
        r"Service figures for Prometheus on .* counted in (\S+)", log_path.read_text()
    )
    assert found, f"the listener did not start; gunicorn's log:\n{log_path.read_text()}"
    return found.group(1)


def listening_addresses(port: int) -> set[str]:
    """The IPv4 addresses a socket listens on at `port` on this machine (/proc/net/tcp)."""
    found = set()
    with open("/proc/net/tcp") as table:
        lines = table.read().splitlines()[1:]
    for line in lines:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if int(hex_port, 16) == port and state == "0A":  # LISTEN
            found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def _signs_yes(question, options):
    return options[0]


def _no_signs(question, options):
    return "no" if question.kind == "sign" else options[1]


def test_journeys_through_gunicorn_are_counted_and_nothing_per_person(tmp_path):
    log_path = tmp_path / "gunicorn.log"
    # Workers recycled every few requests, as max_requests does in production over time:
    # every count must survive its worker.
    with served_with_metrics(log_path, "--max-requests", "6", "--max-requests-jitter", "0") as (
        base,
        metrics_url,
    ):
        directory = counted_in(log_path)
        status, before = get(metrics_url)
        assert status == 200
        assert total(before, "check_journeys_started_total") == 0
        assert value(before, "check_exits_total", kiosk="false") == 0

        walks = [("someone_else", "ro", _signs_yes), ("myself", "en", _no_signs)]
        visitors, cookies = [], []
        for audience, language, pick in walks:
            visitor = HttpVisitor(base)
            visitor.open(f"/?lang={language}")
            answers = answers_by(CHECKLIST, pick)
            for _ in walk(visitor, CHECKLIST, audience, answers):
                pass
            cookies.append(visitor.cookie("session"))
            visitors.append(visitor)
        visitors[0].open("/what-to-do-next")  # read again: not a second completion
        visitors[1].open(f"/questions/{CHECKLIST.questions[0].id}")
        visitors[1].go_on()  # sent with nothing chosen
        visitors[1].open("/exit")

        # Each worker writes its counts once a second (app/metrics/publishing.py).
        time.sleep(publishing.INTERVAL + 0.5)
        status, after = get(metrics_url)
        files = os.listdir(directory)

    # The people's figures: exactly what the walks did.
    for audience, language, pick in walks:
        assert (
            value(after, "check_journeys_started_total", audience=audience, language=language) == 1
        )
        outcome = expected_outcome(CHECKLIST, audience, answers_by(CHECKLIST, pick))
        assert (
            value(after, "check_journeys_completed_total", outcome=outcome, language=language) == 1
        )
    assert total(after, "check_journeys_started_total") == 2
    assert total(after, "check_journeys_completed_total") == 2
    assert value(after, "check_exits_total", kiosk="false") == 1
    assert value(after, "check_form_errors_total", route="/questions/<question_id>") == 1
    # Every request the walks made (redirects followed one by one) was counted once, under
    # its rule, across all the workers that served them, the retired ones included.
    requests_made = sum(len(visitor.answers) for visitor in visitors)
    assert total(after, "check_http_requests_total") == requests_made
    assert total(after, "check_http_request_duration_seconds_count") == requests_made

    # Nothing per person: no cookie, token, address or time; only the fixed label values.
    routes = {"/", "/before-you-start", "/questions/<question_id>", "/check-your-answers"}
    routes |= {"/what-to-do-next", "/exit", "/accessibility"}
    used = {dict(series).get("route") for (name, series) in samples(after)} - {None}
    assert used <= routes | {"unknown"}
    allowed = allowed_label_values(CHECKLIST, routes)
    assert values_outside_the_fixed_sets(after, allowed) == []
    for cookie in cookies:
        assert cookie and cookie not in after
    assert "127.0.0.1" not in after and "_created" not in after
    # The exited workers' files were folded together: a pair for each living process and
    # one for the retired counts, however many workers came and went.
    assert "Autorestarting worker" in log_path.read_text()
    assert len(files) <= 2 * (2 + 1) + 2, files
    assert {"counter_retired.db", "histogram_retired.db"} <= set(files)
    # And the directory goes with the service.
    assert not os.path.exists(directory)


def test_the_public_port_answers_404_for_metrics_and_the_listener_stays_on_loopback(tmp_path):
    with served_with_metrics(tmp_path / "gunicorn.log") as (base, metrics_url):
        for path in ["/metrics", "/metrics/", "/metrics?format=prometheus"]:
            status, body = get(base + path)
            assert status == 404, path
            assert "check_" not in body and "# TYPE" not in body
        metrics_port = int(re.search(r":(\d+)/", metrics_url).group(1))
        # METRICS_ADDRESS unset: 127.0.0.1 only, never every address of the machine.
        assert listening_addresses(metrics_port) == {"127.0.0.1"}
        assert listening_addresses(port_of(base)) == {"127.0.0.1"}
        status, body = get(metrics_url)
        assert status == 200 and "# TYPE check_journeys_started_total counter" in body


def test_the_listener_listens_where_metrics_address_says(tmp_path):
    with served_with_metrics(tmp_path / "gunicorn.log", METRICS_ADDRESS="127.0.0.2") as (
        _base,
        metrics_url,
    ):
        port = int(re.search(r":(\d+)/", metrics_url).group(1))
        assert listening_addresses(port) == {"127.0.0.2"}
        status, body = get(f"http://127.0.0.2:{port}/metrics")
        assert status == 200 and "check_exits_total" in body


def test_a_metrics_port_that_cannot_be_had_stops_the_service_with_a_reason(tmp_path):
    environment = {**os.environ, "FLASK_SECRET_KEY": SECRET, "METRICS_PORT": "not-a-port"}
    done = subprocess.run(
        gunicorn_command(free_port()),
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "METRICS_PORT must be a port number" in done.stderr


def test_a_metrics_port_already_taken_stops_the_service_before_any_worker_starts(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        environment = {
            **os.environ,
            "FLASK_SECRET_KEY": SECRET,
            "METRICS_PORT": str(taken.getsockname()[1]),
        }
        done = subprocess.run(
            gunicorn_command(free_port()),
            cwd=PROJECT_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode != 0
    assert "METRICS_PORT: cannot listen on" in done.stderr
    assert "counted in" not in done.stderr  # it never said it was counting
    assert "Booting worker" not in done.stderr


def test_nginx_as_shipped_never_passes_metrics_on(tmp_path):
    nginx_or_skip()
    with (
        served_with_metrics(tmp_path / "gunicorn.log") as (base, metrics_url),
        nginx([port_of(base)], tmp_path) as (https, _http),
    ):
        status, body = get(https + "/metrics")
        assert status == 404
        assert "# TYPE" not in body
    metrics_port = metrics_url.split(":")[2].split("/")[0]
    config = (tmp_path / "nginx.conf").read_text()
    assert metrics_port not in config
