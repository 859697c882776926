"""Soak test: the journey's pages under steady load, through gunicorn as in production.

Starts gunicorn with deploy/gunicorn.conf.py on a free local port, walks one journey to the
end to get a session cookie and CSRF token, then runs wrk for DURATION seconds at
CONNECTIONS connections over the pages a person sees: the start page, every question, check
your answers, the guidance, and re-sending an answer (a POST). It prints the request count,
socket errors, non-2xx/3xx responses, pages that unexpectedly redirected (a rejected
cookie), and each worker's memory (RSS) before and after.

It fails (exit status 1) on any error, any non-2xx/3xx response, any unexpected redirect,
or a worker whose memory grew by 10% or more. Workers are not recycled during the soak
(--max-requests 0), so that a leak shows instead of being cleared by the recycling that
production uses as a safety net.

Run: make soak, or .venv/bin/python bench/soak.py [--duration 60] [--connections 64]
Needs wrk (Debian: apt-get install wrk).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["appearance", "behaviour", "work", "housing", "control", "age"]
ANSWERS = {"appearance": "yes", "work": "yes", "age": "adult"}  # the other signs: "no"
MAX_GROWTH = 0.10
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')

# wrk cycles through the pages. With a finished journey no page redirects; only the POST
# does, to the next question. Any other redirect means the session was refused (to "/") and
# the load never reached the pages, so each thread counts them.
WRK_SCRIPT = """
local pages = {PAGES}
local answer_body = "answer=yes&csrf_token={TOKEN}"
local threads = {}
local n = 0

function setup(thread)
  table.insert(threads, thread)
end

local cookie = "session={COOKIE}"

function init(args)
  redirected = 0
  wrk.headers["Cookie"] = cookie
end

function request()
  n = n + 1
  local i = n % (#pages + 1)
  if i == 0 then
    return wrk.format("POST", "/questions/appearance",
      {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie},
      answer_body)
  end
  return wrk.format("GET", pages[i])
end

function response(status, headers, body)
  if status >= 300 and status < 400 and headers["Location"] ~= "/questions/behaviour" then
    redirected = redirected + 1
  end
end

function done(summary, latency, requests)
  local total_redirected = 0
  for _, thread in ipairs(threads) do
    total_redirected = total_redirected + thread:get("redirected")
  end
  io.write(string.format(
    "SOAK requests=%d connect=%d read=%d write=%d timeout=%d status=%d redirected=%d "
      .. "p50_ms=%.1f p99_ms=%.1f\\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status, total_redirected,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds (default 60)")
    parser.add_argument("--connections", type=int, default=64, help="default 64")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # No worker recycling during the soak, so that a leak shows.
    server = start_gunicorn(port, "--max-requests", "0")
    try:
        wait_until_up(base)
        cookie, token = walk_the_journey(base)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(wrk_script(cookie, token))
        # A short warm-up first, so "before" is a worker that has served every page.
        run_wrk(
            base,
            script.name,
            connections=options.connections,
            threads=options.threads,
            duration=min(5, options.duration),
        )
        before = worker_memory(server.pid)
        result = run_wrk(
            base,
            script.name,
            connections=options.connections,
            threads=options.threads,
            duration=options.duration,
        )
        after = worker_memory(server.pid)
        os.unlink(script.name)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    return report(options, result, before, after)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(
    port: int,
    *extra_args: str,
    target: str = "app.wsgi:create_app_or_exit()",
    secret: str | None = None,
    folder: Path = PROJECT_ROOT,
    environment: dict[str, str] | None = None,
) -> subprocess.Popen:
    """gunicorn with the production settings, serving `target` from `folder`; `environment`
    adds to (or, with None values, removes from) this process's environment."""
    env = {**os.environ, "FLASK_SECRET_KEY": secret or secrets.token_hex(32)}
    for name, value in (environment or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    command = [
        *(sys.executable, "-m", "gunicorn"),
        *("--config", str(PROJECT_ROOT / "deploy/gunicorn.conf.py")),
        *("--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--chdir", str(folder)),
        *extra_args,
        target,
    ]
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env)


def wait_until_up(base: str, path: str = "/healthz") -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + path, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def walk_the_journey(base: str) -> tuple[str, str]:
    """Answer every question as a browser would; return the session cookie and a token."""
    jar = http.cookiejar.CookieJar()
    # The benchmark's nginx has a certificate made for the run, which nothing trusts.
    unverified = ssl.create_default_context()
    unverified.check_hostname, unverified.verify_mode = False, ssl.CERT_NONE
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), urllib.request.HTTPSHandler(context=unverified)
    )

    def token_on(path: str) -> str:
        with browser.open(base + path) as page:
            return CSRF_FIELD.search(page.read().decode()).group(1)

    def post(path: str, fields: dict) -> None:
        data = urllib.parse.urlencode({**fields, "csrf_token": token_on(path)}).encode()
        browser.open(base + path, data=data).close()  # follows the redirect, as browsers do

    post("/", {"audience": "someone_else"})
    for question in QUESTIONS:
        post(f"/questions/{question}", {"answer": ANSWERS.get(question, "no")})
    with browser.open(base + "/what-to-do-next") as page:
        assert page.url.endswith("/what-to-do-next"), "the journey did not reach the guidance"
    cookie = next(c.value for c in jar if c.name == "session")
    return cookie, token_on("/questions/appearance")


def wrk_script(cookie: str, token: str) -> str:
    pages = [
        "/",
        *(f"/questions/{q}" for q in QUESTIONS),
        "/check-your-answers",
        "/what-to-do-next",
    ]
    lua_pages = "{" + ", ".join(f'"{page}"' for page in pages) + "}"
    return (
        WRK_SCRIPT.replace("{PAGES}", lua_pages)
        .replace("{COOKIE}", cookie)
        .replace("{TOKEN}", urllib.parse.quote(token))
    )


def run_wrk(base: str, script: str, *, connections: int, threads: int, duration: int) -> dict:
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "-s", script, base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("SOAK "))
    return {key: float(value) for key, value in (pair.split("=") for pair in line.split()[1:])}


def worker_memory(master_pid: int) -> dict[int, int]:
    """RSS in kB of each gunicorn worker (a child of the master)."""
    memory = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue  # the process ended while we looked
        if int(fields["PPid"]) == master_pid:
            memory[int(fields["Pid"])] = int(fields["VmRSS"].split()[0])
    return memory


def report(options, result: dict, before: dict[int, int], after: dict[int, int]) -> int:
    requests = int(result["requests"])
    errors = int(result["connect"] + result["read"] + result["write"] + result["timeout"])
    bad_status = int(result["status"])
    redirected = int(result["redirected"])
    print(
        f"Soak: {options.duration} s, {options.connections} connections, wrk "
        f"{options.threads} threads, gunicorn workers: {len(before)}"
    )
    print(f"  requests               {requests:>10,}  ({requests / options.duration:,.0f}/s)")
    print(f"  latency p50 / p99      {result['p50_ms']:>7.1f} ms / {result['p99_ms']:.1f} ms")
    print(
        f"  socket errors          {errors:>10}  (connect {int(result['connect'])}, read "
        f"{int(result['read'])}, write {int(result['write'])}, timeout {int(result['timeout'])})"
    )
    print(f"  non-2xx/3xx responses  {bad_status:>10}")
    print(f"  pages redirected       {redirected:>10}  (a refused session would show here)")
    print("  worker    RSS before    RSS after    growth")
    worst = 0.0
    for pid in sorted(before):
        if pid not in after:
            print(f"  {pid:<8}  {before[pid] / 1024:>7.1f} MB    (ended during the soak)")
            worst = float("inf")
            continue
        growth = (after[pid] - before[pid]) / before[pid]
        worst = max(worst, growth)
        print(
            f"  {pid:<8}  {before[pid] / 1024:>7.1f} MB   {after[pid] / 1024:>7.1f} MB"
            f"    {growth:+.1%}"
        )
    failures = [
        reason
        for reason, failed in [
            ("socket errors", errors > 0),
            ("non-2xx/3xx responses", bad_status > 0),
            ("redirected pages", redirected > 0),
            (f"memory growth of {MAX_GROWTH:.0%} or more", worst >= MAX_GROWTH),
            ("no workers found", not before),
        ]
        if failed
    ]
    print("FAIL: " + ", ".join(failures) if failures else "PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
