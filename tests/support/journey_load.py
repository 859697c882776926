"""People walking the check at once, over HTTP(S), with every request counted: the steady
load under which tests stop and start instances (a rolling restart, a lost instance).

Each person is a thread walking journeys one after another with the journey walker
(`HttpVisitor`, its own cookie jar), each journey with other answers. Every request is
recorded with what came of it. A request that fails (an answer of 500 or more, or a
connection that breaks) is what a person would see as a failure; when it was an answer (a
POST), the person sends it again once, as someone would who is told to try again, so that
the journey goes on and the test can see whether it still reaches its guidance.
"""

from __future__ import annotations

import itertools
import random
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from app.checklist import Checklist

from .walker import GUIDANCE, Answer, HttpVisitor, answers_by, walk


@dataclass(frozen=True)
class Request:
    """One request and what came of it: `status` is None when the connection failed."""

    method: str
    path: str
    status: int | None
    seconds: float
    headers: dict = field(default_factory=dict)
    body: str = ""
    error: str = ""

    @property
    def failed(self) -> bool:
        return self.status is None or self.status >= 500


@dataclass
class Tally:
    requests: list[Request] = field(default_factory=list)
    journeys_finished: int = 0
    journeys_broken: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, request: Request) -> None:
        with self.lock:
            self.requests.append(request)

    def of(self, method: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.method == method]

    def failed(self, method: str) -> list[Request]:
        return [r for r in self.of(method) if r.failed]

    def summary(self) -> str:
        posts, gets = self.of("POST"), self.of("GET")
        slowest = max((r.seconds for r in self.requests), default=0.0)
        return (
            f"{self.journeys_finished} journeys to the guidance, "
            f"{len(self.journeys_broken)} broken off; "
            f"POST {len(posts)} sent, {len(self.failed('POST'))} failed; "
            f"GET {len(gets)} sent, {len(self.failed('GET'))} failed; "
            f"slowest request {slowest:.2f} s"
        )


class CountingVisitor(HttpVisitor):
    """An HttpVisitor that records every request in `tally`, and sends a failed answer
    again once."""

    def __init__(self, base: str, tally: Tally, *, tls: ssl.SSLContext | None):
        super().__init__(base, tls=tls, timeout=30)
        self.tally = tally

    def _request(self, method: str, path: str, fields: dict | None) -> Answer:
        answer = self._counted(method, path, fields)
        if method == "POST" and (answer is None or answer.status >= 500):
            answer = self._counted(method, path, fields)
        if answer is None:
            raise ConnectionError(f"{method} {path}: no answer")
        return answer

    def _counted(self, method: str, path: str, fields: dict | None) -> Answer | None:
        started = time.perf_counter()
        try:
            answer = super()._request(method, path, fields)
        except OSError as error:
            seconds = time.perf_counter() - started
            self.tally.add(Request(method, path, None, seconds, error=repr(error)))
            return None
        seconds = time.perf_counter() - started
        record = Request(method, path, answer.status, seconds, dict(answer.headers), answer.body)
        self.tally.add(record)
        return answer


def _person(base, checklist, tally, stop, tls, seed) -> None:
    choose = random.Random(seed)
    for journey in itertools.count():
        if stop.is_set():
            return
        audience = choose.choice([a.id for a in checklist.audiences])
        answers = answers_by(checklist, lambda question, options: choose.choice(options))
        visitor = CountingVisitor(base, tally, tls=tls)
        try:
            for _state in walk(visitor, checklist, audience, answers):
                pass
            assert visitor.path == GUIDANCE
        except (AssertionError, OSError) as error:
            with tally.lock:
                tally.journeys_broken.append(f"person {seed}, journey {journey}: {error}")
            continue
        with tally.lock:
            tally.journeys_finished += 1


@contextmanager
def people_walking(
    base: str, checklist: Checklist, *, people: int, tls: ssl.SSLContext | None = None
) -> Iterator[Tally]:
    """`people` threads walking journeys at `base` for as long as the block lasts; yields
    the tally, complete once the block has ended (each person finishes the journey in
    progress)."""
    tally, stop = Tally(), threading.Event()
    threads = [
        threading.Thread(target=_person, args=(base, checklist, tally, stop, tls, seed))
        for seed in range(people)
    ]
    for thread in threads:
        thread.start()
    try:
        yield tally
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
