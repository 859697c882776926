"""Losing an instance loses no one: three instances of gunicorn as shipped behind
deploy/nginx.conf with TLS, its upstream block with three server lines as an operator
writes it, while people walk the check through nginx. Each instance in turn hangs with
requests inside it and is then killed, master and workers (SIGKILL), as when a machine is
lost, and is later started again."""

from __future__ import annotations

import signal
import time
from contextlib import ExitStack

from bs4 import BeautifulSoup

from harness.deployed import UNVERIFIED_TLS, nginx, nginx_or_skip
from harness.instances import Instance
from tests.support.journey_load import Request, people_walking
from tests.support.project import UK

PEOPLE = 6
# Long enough for people to send requests into the hung instance.
HUNG_FOR = 1.0
# How long the service runs on the other two.
DOWN_FOR = 4.0


def is_a_page_of_this_service(request: Request) -> bool:
    """A page with the way out and the privacy headers, not a proxy's bare error."""
    if request.status is None:
        return False
    page = BeautifulSoup(request.body, "html.parser")
    return (
        page.select_one("a[href='/exit']") is not None
        and "Content-Security-Policy" in request.headers
        and request.headers.get("Cache-Control") == "no-store"
    )


def test_an_instance_killed_under_load_loses_no_journey(tmp_path):
    nginx_or_skip()
    with ExitStack() as stack:
        log = stack.enter_context((tmp_path / "gunicorn.log").open("w"))
        instances = [Instance(log=log, TRUSTED_PROXY_COUNT=1) for _ in range(3)]
        for instance in instances:
            stack.callback(instance.close)
            instance.start()
        https, _ = stack.enter_context(nginx([i.port for i in instances], tmp_path))
        with people_walking(https, UK, people=PEOPLE, tls=UNVERIFIED_TLS) as tally:
            time.sleep(2)
            for instance in instances:
                instance.freeze()
                time.sleep(HUNG_FOR)
                status, _ = instance.stop(signal.SIGKILL)
                assert status == -signal.SIGKILL
                time.sleep(DOWN_FOR)
                instance.start()
                time.sleep(3)
    # Requests sent into a hung instance waited for it, then went to another.
    waited = [r for r in tally.requests if r.seconds >= HUNG_FOR * 0.8 and not r.failed]
    print(
        f"\n3 instances, each hung for {HUNG_FOR:.0f} s then killed, down {DOWN_FOR:.0f} s: "
        f"{tally.summary()}; {len(waited)} requests caught in a hung instance and answered "
        "by another"
    )
    assert not tally.journeys_broken
    assert not tally.failed("GET")
    # Whatever nginx could not send elsewhere is still a page of this service.
    for failed in tally.failed("POST"):
        assert is_a_page_of_this_service(failed), (failed.path, failed.status, failed.body[:200])
