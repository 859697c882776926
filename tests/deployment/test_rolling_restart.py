"""A rolling restart loses no answer: two instances of gunicorn as shipped behind
deploy/nginx.conf with TLS, restarted one after the other with SIGTERM, as a deploy does,
while people walk the check through nginx."""

from __future__ import annotations

import re
import signal
import time
from contextlib import ExitStack

from harness.deployed import NGINX_CONF, UNVERIFIED_TLS, nginx, nginx_or_skip
from harness.instances import Instance
from tests.support.journey_load import people_walking
from tests.support.project import UK

RESTARTS = 10
PEOPLE = 4
# deploy/gunicorn.conf.py's graceful_timeout.
GRACEFUL_TIMEOUT = 20


def seconds_nginx_keeps_a_failed_instance_out() -> int:
    """The upstream servers' fail_timeout in deploy/nginx.conf (nginx's default: 10 s).
    Having failed, an instance is sent nobody for that long, even once it is ready again;
    an operator waits that long after /readyz before restarting the next
    (docs/operators.md)."""
    found = re.search(r"fail_timeout=(\d+)s", NGINX_CONF.read_text())
    return int(found.group(1)) if found else 10


def test_ten_rolling_restarts_under_load_lose_no_answer(tmp_path):
    nginx_or_skip()
    settle = seconds_nginx_keeps_a_failed_instance_out() + 1
    with ExitStack() as stack:
        log = stack.enter_context((tmp_path / "gunicorn.log").open("w"))
        instances = [Instance(log=log, TRUSTED_PROXY_COUNT=1) for _ in range(2)]
        for instance in instances:
            stack.callback(instance.close)
            instance.start()
        https, _ = stack.enter_context(nginx([i.port for i in instances], tmp_path))
        started = time.monotonic()
        stopping, starting = [], []
        with people_walking(https, UK, people=PEOPLE, tls=UNVERIFIED_TLS) as tally:
            for _ in range(RESTARTS):
                for instance in instances:
                    status, seconds = instance.stop(signal.SIGTERM)
                    assert status == 0
                    assert seconds < GRACEFUL_TIMEOUT
                    stopping.append(seconds)
                    starting.append(instance.start())
                    time.sleep(settle)
        took = time.monotonic() - started
    print(
        f"\n{RESTARTS} rolling restarts of 2 instances in {took:.0f} s (stopping took up to "
        f"{max(stopping):.1f} s, starting up to {max(starting):.1f} s, then {settle} s "
        f"for nginx to send it people again): {tally.summary()}"
    )
    lost = tally.failed("POST")
    assert not lost, [(r.path, r.status, r.error) for r in lost]
    assert not tally.failed("GET")
    assert not tally.journeys_broken
    assert tally.journeys_finished > RESTARTS * 2
