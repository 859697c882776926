"""App instances that a test stops and starts while nginx keeps sending people to them, as a
rolling restart or a lost machine does.

Each instance is gunicorn as `make run` starts it (harness/deployed.py's command), on a port
of its own that it keeps across restarts, since nginx's upstream block names the ports. It
runs in a process group of its own, so that killing the instance kills its workers too, as
when a container or a machine is lost.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

from harness.deployed import (
    PROJECT_ROOT,
    free_port,
    gunicorn_command,
    gunicorn_environment,
    wait_until_answering,
)


class Instance:
    """One gunicorn on 127.0.0.1:`port`, which `start` and `stop` as often as needed.
    `settings` become FLASK_ environment variables, as for harness.deployed.gunicorn()."""

    def __init__(self, *, log=None, **settings):
        self.port = free_port()
        self.log = log
        self.settings = settings
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> float:
        """Start it, and return once it is ready (/readyz answers 200): the seconds that
        took."""
        assert self.process is None or self.process.poll() is not None, "already running"
        started = time.monotonic()
        self.process = subprocess.Popen(
            gunicorn_command(self.port),
            cwd=PROJECT_ROOT,
            env=gunicorn_environment(self.settings),
            stderr=self.log,
            start_new_session=True,
        )
        wait_until_answering(f"{self.base}/readyz", self.process)
        return time.monotonic() - started

    def freeze(self) -> None:
        """Stop the master and its workers where they are (SIGSTOP), as a machine that
        hangs: connections are still made, requests are taken in, nothing is answered."""
        os.killpg(self.process.pid, signal.SIGSTOP)

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 30) -> tuple[int, float]:
        """Send `signum` (SIGTERM: to the master, as a deploy does; SIGKILL: to the master
        and its workers at once, as when the machine is lost) and wait for it to end:
        (exit status, seconds it took)."""
        assert self.process is not None and self.process.poll() is None, "not running"
        started = time.monotonic()
        if signum == signal.SIGKILL:
            os.killpg(self.process.pid, signal.SIGKILL)
        else:
            self.process.send_signal(signum)
        status = self.process.wait(timeout=timeout)
        return status, time.monotonic() - started

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
