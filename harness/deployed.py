"""The service as it is deployed, for tests and benchmarks, all on 127.0.0.1 and free ports.

- gunicorn started exactly as `make run` starts it: deploy/gunicorn.conf.py and the entry
  point app.wsgi:create_app_or_exit(), with its error log captured;
- nginx run from deploy/nginx.conf itself, changing only what that file marks as
  PLACEHOLDER, with a self-signed certificate made for the run (openssl), as an
  unprivileged instance: its own prefix, pid file, temporary folders and ports.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = PROJECT_ROOT / "deploy" / "nginx.conf"
ERROR_PAGES = PROJECT_ROOT / "deploy" / "error-pages"  # nginx's own pages (make error-pages)
ENTRY_POINT = "app.wsgi:create_app_or_exit()"
SECRET = "deployed-tests-" + "s" * 40

# What the browser and the benchmark accept from the test's own certificate.
UNVERIFIED_TLS = ssl.create_default_context()
UNVERIFIED_TLS.check_hostname = False
UNVERIFIED_TLS.verify_mode = ssl.CERT_NONE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_command(port: int, *extra_args: str) -> list[str]:
    """`make run`'s command, on 127.0.0.1 and `port`."""
    return [
        *(sys.executable, "-m", "gunicorn"),
        *("--config", str(PROJECT_ROOT / "deploy" / "gunicorn.conf.py")),
        *("--bind", f"127.0.0.1:{port}"),
        *extra_args,
        ENTRY_POINT,
    ]


@contextmanager
def gunicorn(*extra_args: str, log=None, port: int | None = None, environment=None, **settings):
    """Serve the app as production does; yields its base address. `settings` become
    FLASK_ environment variables (any FLASK_ variable of the caller's is left out);
    `environment` adds others (the server's own, such as METRICS_PORT); `log` is a file for
    gunicorn's stderr, its whole error log."""
    with gunicorn_process(*extra_args, log=log, port=port, environment=environment, **settings) as (
        base,
        _process,
    ):
        yield base


@contextmanager
def gunicorn_process(
    *extra_args: str, log=None, port: int | None = None, environment=None, **settings
):
    """As gunicorn(), for a test that signals gunicorn itself: yields (base address, the
    master's Popen) once the app is ready (/readyz)."""
    port = port or free_port()
    process = subprocess.Popen(
        gunicorn_command(port, *extra_args),
        cwd=PROJECT_ROOT,
        env={**gunicorn_environment(settings), **(environment or {})},
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{base}/readyz", process)
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
        # Up to deploy/gunicorn.conf.py's graceful_timeout for requests still in progress.
        process.wait(timeout=30)


def gunicorn_environment(settings: dict) -> dict[str, str]:
    """The caller's environment without its FLASK_ variables, with the test's secret key
    and `settings` as FLASK_ variables."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    environment["FLASK_SECRET_KEY"] = SECRET
    environment.update({f"FLASK_{name}": str(value) for name, value in settings.items()})
    return environment


def wait_until_answering(
    url: str, process: subprocess.Popen, seconds: float = 30, *, any_status: bool = False
) -> None:
    """Until `url` answers 200 (or, with `any_status`, answers at all)."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2, context=UNVERIFIED_TLS):
                return
        except urllib.error.HTTPError:
            if any_status:
                return
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, made now, valid for a day: (certificate, key)."""
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(certificate)),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


# The PLACEHOLDER server lines of deploy/nginx.conf's upstream block.
SHIPPED_UPSTREAMS = re.compile(
    r"(?:^ *server 127\.0\.0\.1:800[12](?P<parameters>[^;\n]*);\n){2}", re.MULTILINE
)


def render_nginx_conf(
    folder: Path,
    *,
    temporary: Path,
    http_port: int,
    https_port: int,
    upstreams: list[int],
    certificate: Path,
    key: Path,
    changes: dict[str, str] | None = None,
) -> str:
    """deploy/nginx.conf with its placeholders filled in for this machine, and the
    temporary folders nginx writes in, and the error pages it serves, in `temporary`
    (nginx() puts a copy of deploy/error-pages/ there). `changes` replaces further
    text (a test that needs an error, the benchmark's one address with more connections
    at once than the limit allows)."""
    config = NGINX_CONF.read_text()
    # The upstream block's server lines, as an operator writes them: one for each instance,
    # each with the same parameters as the file's own.
    shipped = SHIPPED_UPSTREAMS.search(config)
    assert shipped, "deploy/nginx.conf no longer lists the instances as server 127.0.0.1:8001"
    upstream_lines = "".join(
        f"        server 127.0.0.1:{port}{shipped.group('parameters')};\n" for port in upstreams
    )
    replacements = {
        shipped.group(0): upstream_lines,
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "/etc/ssl/check.example.org/fullchain.pem": str(certificate),
        "/etc/ssl/check.example.org/privkey.pem": str(key),
        "check.example.org": "127.0.0.1",
        "error_log /var/log/nginx/error.log": f"error_log {folder}/error.log",
        "/srv/warning-signs-check/deploy/error-pages/": f"{temporary}/{ERROR_PAGES.name}/",
        "http {\n": "http {\n"
        + "".join(
            f"    {kind}_temp_path {temporary}/{kind};\n"
            for kind in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
        ),
        **(changes or {}),
    }
    for placeholder, value in replacements.items():
        # A placeholder that is no longer in the file would leave the test running
        # something other than what it says: say so instead.
        assert placeholder in config, f"deploy/nginx.conf no longer contains {placeholder!r}"
        config = config.replace(placeholder, value)
    return config


@contextmanager
def nginx(upstreams: list[int], folder: Path, changes: dict[str, str] | None = None):
    """nginx from deploy/nginx.conf in front of the app instances on `upstreams`; yields
    (https base address, http base address). Its error log is folder/error.log."""
    if shutil.which("nginx") is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    certificate, key = self_signed_certificate(folder)
    # nginx's workers (nobody, when started by root) write their temporary files here;
    # pytest's folders are private to their owner, /tmp is open to all.
    temporary = Path(tempfile.mkdtemp(prefix="nginx-temp-"))
    temporary.chmod(0o755)
    # And read the error pages they serve from here too: this repository's own folder may
    # be somewhere "nobody" cannot enter (a clone in a folder only its owner can open).
    readable_copy(ERROR_PAGES, temporary / ERROR_PAGES.name)
    http_port, https_port = free_port(), free_port()
    config = folder / "nginx.conf"
    config.write_text(
        render_nginx_conf(
            folder,
            temporary=temporary,
            http_port=http_port,
            https_port=https_port,
            upstreams=upstreams,
            certificate=certificate,
            key=key,
            changes=changes,
        )
    )
    # As root (CI), nginx's workers would switch to "nobody" and Debian's group "nobody"
    # does not exist; name both. As anyone else nginx runs as that user.
    user = "user nobody nogroup; " if os.geteuid() == 0 else ""
    process = subprocess.Popen(
        [
            *("nginx", "-p", str(folder), "-c", str(config)),
            *("-g", f"daemon off; {user}pid {folder}/nginx.pid;"),
        ]
    )
    https = f"https://127.0.0.1:{https_port}"
    try:
        # Not /healthz or /readyz: nginx does not pass those on (they are for the
        # platform's probes, which reach the instances directly). nginx is up when it
        # answers, whatever it says: a test may have no instance up behind it.
        wait_until_answering(f"{https}/", process, any_status=True)
        yield https, f"http://127.0.0.1:{http_port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
        shutil.rmtree(temporary, ignore_errors=True)


@contextmanager
def deployed_stack(folder: Path, *, log=None, **settings):
    """nginx with TLS in front of two gunicorn instances told of the one proxy
    (FLASK_TRUSTED_PROXY_COUNT=1), as docs/operators.md says to deploy; yields nginx's
    (https base address, http base address)."""
    settings = {"TRUSTED_PROXY_COUNT": 1, **settings}
    with (
        gunicorn(log=log, **settings) as first,
        gunicorn(log=log, **settings) as second,
        nginx([port_of(first), port_of(second)], folder) as addresses,
    ):
        yield addresses


def readable_copy(source: Path, destination: Path) -> None:
    """A copy of the folder `source` that every user of the machine can read."""
    shutil.copytree(source, destination)
    for path in [destination, *destination.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def port_of(base: str) -> int:
    return int(re.search(r":(\d+)$", base).group(1))


def connection_to(base: str) -> http.client.HTTPConnection:
    """A connection to nginx or gunicorn on this machine, over TLS for an https:// base (its
    test certificate is not checked)."""
    if base.startswith("https"):
        return http.client.HTTPSConnection("127.0.0.1", port_of(base), context=UNVERIFIED_TLS)
    return http.client.HTTPConnection("127.0.0.1", port_of(base))


def nginx_or_skip() -> None:
    """Skip a test that needs nginx when it is missing, except where it is required
    (REQUIRE_BROWSER=1, as in CI, which installs it)."""
    import pytest

    if shutil.which("nginx") is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but nginx is not installed (apt-get install nginx)")
        pytest.skip("needs nginx (Debian: apt-get install nginx)")
