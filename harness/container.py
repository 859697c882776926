"""The container image (deploy/Containerfile), built and run with Podman on this project's
machines and in CI: the one place that says how, for `make image`, the tests and the
benchmarks.

- Podman's settings for these machines are in harness/containers.conf, given to every
  podman command through CONTAINERS_CONF. .ci/run installs podman, runc and mmdebstrap.
- No container registry can be reached here. So the base image that the Containerfile's
  FROM names (Debian bookworm, slim) is made from Debian's own packages, as Debian's slim
  images are made (mmdebstrap's minbase variant, without documentation or translations),
  and imported under exactly that name, only when it is not there yet. Operators
  elsewhere pull the real one from the registry.
- pip inside the build reaches PyPI through this machine's TLS-intercepting proxy, so
  the build is given this machine's CA bundle as the secret the Containerfile asks for.

    python3 -m harness.container build    # what `make image` runs
"""

from __future__ import annotations

import os
import re
import shutil
import ssl
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTAINERFILE = PROJECT_ROOT / "deploy" / "Containerfile"
CONTAINERS_CONF = Path(__file__).with_name("containers.conf")
IMAGE = "localhost/warning-signs-check:latest"
# The Containerfile's base is Debian bookworm: the same suite is bootstrapped here.
BASE_SUITE = "bookworm"
# What Debian's slim images leave out (and their size with it).
SLIM_EXCLUDES = [
    "path-exclude=/usr/share/man/*",
    "path-exclude=/usr/share/info/*",
    "path-exclude=/usr/share/locale/*",
    "path-exclude=/usr/share/doc/*",
    "path-include=/usr/share/doc/*/copyright",
]


def podman(*args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    """Run one podman command with this machine's settings; its output as text (stdout and
    stderr captured unless said otherwise)."""
    if kwargs.pop("capture_output", True):
        kwargs.setdefault("stdout", subprocess.PIPE)
        kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        ["podman", *args],
        env={**os.environ, "CONTAINERS_CONF": str(CONTAINERS_CONF)},
        text=True,
        check=check,
        **kwargs,
    )


def base_image() -> str:
    """The one image the Containerfile's stages are built FROM (not counting its stages)."""
    stages, bases = set(), set()
    for line in CONTAINERFILE.read_text().splitlines():
        found = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?\s*$", line, re.IGNORECASE)
        if found:
            if found.group(1) not in stages:
                bases.add(found.group(1))
            if found.group(2):
                stages.add(found.group(2))
    assert len(bases) == 1, f"deploy/Containerfile should have one base, not {bases}"
    (base,) = bases
    assert f":{BASE_SUITE}" in base, f"{base} is not Debian {BASE_SUITE}"
    return base


def image_exists(name: str) -> bool:
    return podman("image", "exists", name, check=False).returncode == 0


def ensure_base_image() -> float | None:
    """Make the base image from Debian's packages unless it is there; the seconds it took,
    or None if it was there already."""
    name = base_image()
    if image_exists(name):
        return None
    started = time.monotonic()
    bootstrap = subprocess.Popen(
        [
            *("mmdebstrap", "--variant=minbase", "--quiet"),
            # /bin, /lib and /sbin as links into /usr, as Debian's own images have them.
            "--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr",
            *(f"--dpkgopt={option}" for option in SLIM_EXCLUDES),
            *(BASE_SUITE, "-"),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        podman("import", "--change", 'CMD ["bash"]', "-", name, stdin=bootstrap.stdout)
    finally:
        bootstrap.stdout.close()
        if bootstrap.wait() != 0:
            raise RuntimeError(f"mmdebstrap could not make {name} (exit {bootstrap.returncode})")
    return time.monotonic() - started


def ca_bundle() -> str | None:
    """The CA bundle pip trusts on this machine (its proxy's certificate among them)."""
    # cafile: OpenSSL's default bundle (or SSL_CERT_FILE), when it exists.
    bundle = os.environ.get("PIP_CERT") or ssl.get_default_verify_paths().cafile
    return bundle if bundle and Path(bundle).is_file() else None


def build_image(tag: str = IMAGE, *, output=None) -> float:
    """Build deploy/Containerfile (and the base first when missing); the seconds the image
    itself took. `output`: where the build's own lines go (default: captured, and shown
    only if it fails)."""
    ensure_base_image()
    secret = [f"--secret=id=pip-ca,src={bundle}"] if (bundle := ca_bundle()) else []
    started = time.monotonic()
    arguments = ["build", "--pull=never", *secret, "--file", str(CONTAINERFILE), "--tag", tag]
    if output is None:
        result = podman(*arguments, str(PROJECT_ROOT), check=False, stderr=subprocess.STDOUT)
        if result.returncode != 0:
            raise RuntimeError(f"podman build failed:\n{result.stdout}")
    else:
        podman(*arguments, str(PROJECT_ROOT), capture_output=False, stdout=output, stderr=output)
    return time.monotonic() - started


def image_size(tag: str = IMAGE) -> int:
    """Bytes, unpacked, as `podman images` counts them."""
    return int(podman("image", "inspect", "--format", "{{.Size}}", tag).stdout)


class Container:
    """A container started by run(): its name, and what an operator would ask of it."""

    def __init__(self, name: str, port: int):
        self.name = name
        self.port = port
        self.base = f"http://127.0.0.1:{port}"

    def logs(self) -> str:
        """Everything it wrote to stdout and stderr, as the engine collected it."""
        result = podman("logs", self.name, stderr=subprocess.STDOUT)
        return result.stdout

    def exec(self, *command: str) -> subprocess.CompletedProcess:
        return podman("exec", self.name, *command, check=False, stderr=subprocess.STDOUT)

    def inspect(self, template: str) -> str:
        return podman("inspect", "--format", template, self.name).stdout.strip()

    def running(self) -> bool:
        return self.inspect("{{.State.Running}}") == "true"

    def stop(self, grace: int) -> int:
        """As a platform stops it: SIGTERM, then SIGKILL after `grace` seconds; its exit
        status."""
        podman("stop", "--time", str(grace), self.name)
        return int(self.inspect("{{.State.ExitCode}}"))

    def exit_status(self, seconds: float = 60) -> int:
        """Wait for it to stop by itself; its exit status."""
        return int(podman("wait", self.name, timeout=seconds).stdout.strip())

    def wait_until_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                with urllib.request.urlopen(f"{self.base}/readyz", timeout=2):
                    return
            except OSError:
                if not self.running():
                    raise RuntimeError(f"{self.name} stopped:\n{self.logs()}") from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


# How the tests run it, as docs/operators.md tells an operator to: nothing writable but
# the /dev/shm every engine provides (Podman would otherwise add its own tmpfs on /tmp),
# no capabilities, no way to gain privileges. The image's own user (non-root) is not
# overridden. --network host: the host's own addresses, so PORT is the port it serves on.
OPERATOR_FLAGS = [
    "--read-only",
    "--read-only-tmpfs=false",
    "--cap-drop=ALL",
    "--security-opt=no-new-privileges",
    "--network=host",
]


@contextmanager
def run(image: str = IMAGE, *, port: int, name: str, wait: bool = True, **environment):
    """Start the image with OPERATOR_FLAGS, PORT=`port` and `environment`; yields its
    Container once /readyz answers (or at once, without `wait`). Removed afterwards."""
    podman("rm", "--force", "--ignore", name)
    settings = [f"--env={key}={value}" for key, value in {"PORT": port, **environment}.items()]
    podman("run", "--detach", f"--name={name}", *OPERATOR_FLAGS, *settings, image)
    container = Container(name, port)
    try:
        if wait:
            container.wait_until_ready()
        yield container
    finally:
        podman("rm", "--force", "--time=0", name, check=False)


def podman_or_skip() -> None:
    """Skip a test that needs Podman when it is missing, except where it is required
    (REQUIRE_BROWSER=1, as in CI, which installs it)."""
    import pytest

    missing = [tool for tool in ("podman", "runc", "mmdebstrap") if shutil.which(tool) is None]
    if missing:
        install = f"apt-get install {' '.join(missing)}"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {', '.join(missing)} missing ({install})")
        pytest.skip(f"needs {', '.join(missing)} (Debian: {install})")


def main(arguments: list[str]) -> int:
    if arguments != ["build"]:
        print("usage: python3 -m harness.container build", file=sys.stderr)
        return 2
    base_seconds = ensure_base_image()
    if base_seconds is not None:
        print(
            f"Made the base image {base_image()} from Debian's packages in {base_seconds:.0f} s",
            flush=True,
        )
    seconds = build_image(output=sys.stdout)
    size = image_size() / 1_000_000
    print(f"Built {IMAGE} in {seconds:.0f} s: {size:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
