"""One client must not lock out the people who share its address (a mobile network, an
office, a shelter's wifi): through deploy/nginx.conf with TLS, in front of gunicorn as
shipped (harness/deployed.py)."""

from __future__ import annotations

import pytest

from harness.deployed import UNVERIFIED_TLS, deployed_stack, nginx_or_skip, port_of
from harness.slow_clients import slow_clients
from tests.support.journey_load import CountingVisitor, Tally
from tests.support.project import UK
from tests.support.walker import GUIDANCE, answers_by, walk

# As issue 28 found them: 16 form bodies sent a byte a second from one address.
TRICKLING_BODIES = 16
UNDER_A_SECOND = 1.0


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    nginx_or_skip()
    folder = tmp_path_factory.mktemp("shared-address")
    with (folder / "gunicorn.log").open("w") as log, deployed_stack(folder, log=log) as addresses:
        yield addresses


def test_a_client_trickling_bodies_does_not_lock_out_its_neighbours(stack):
    https, _ = stack
    with slow_clients(
        "127.0.0.1", port_of(https), headers=0, bodies=TRICKLING_BODIES, tls=UNVERIFIED_TLS
    ) as trickling:
        # A neighbour, from the same address, walks the whole check meanwhile.
        tally = Tally()
        neighbour = CountingVisitor(https, tally, tls=UNVERIFIED_TLS)
        answers = answers_by(UK, lambda question, options: options[0])
        try:
            for _state in walk(neighbour, UK, "someone_else", answers):
                pass
        except AssertionError:
            pass  # a page that was not what the walk expected: said below
        still_open = trickling.open_now
    print(
        f"\n{still_open} bodies trickling from the same address; the neighbour's "
        f"{len(tally.requests)} requests: slowest "
        f"{max(r.seconds for r in tally.requests) * 1000:.0f} ms"
    )
    refused = [(r.method, r.path, r.status) for r in tally.requests if r.status not in (200, 303)]
    assert not refused
    assert neighbour.path == GUIDANCE
    # The trickling clients were there all along: nginx did not simply drop them.
    assert still_open == TRICKLING_BODIES
    assert trickling.dropped == 0
    for request in tally.requests:
        assert request.seconds < UNDER_A_SECOND, (request.method, request.path, request.seconds)
