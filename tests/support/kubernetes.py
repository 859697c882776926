"""deploy/kubernetes/ as Kubernetes would receive it: the base read as kustomize builds it,
the overlays built by kustomize itself (`kubectl kustomize`, offline), and the schemas
kubernetes-validate ships, for the versions the manifests support."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml
from kubernetes_validate.utils import all_versions, major_minor
from packaging.version import Version

from tests.support.project import PROJECT_ROOT

KUBERNETES = PROJECT_ROOT / "deploy" / "kubernetes"
BASE = KUBERNETES / "base"
EXAMPLE = KUBERNETES / "example"

# The oldest Kubernetes the manifests run on unchanged: the preStop `sleep` action (no
# `sleep` program needed in the image) is on by default from 1.30. docs/operators.md says so.
OLDEST_VERSION = "1.30"
# Every minor version from the oldest to the newest that kubernetes-validate ships schemas for.
VERSIONS = sorted(
    {major_minor(v) for v in all_versions() if Version(v) >= Version(OLDEST_VERSION)},
    key=Version,
)

# The only key of a kustomization that read_base() understands besides its identity: with
# nothing else in it, kustomize builds the listed files exactly as they are.
UNDERSTOOD_KUSTOMIZATION_KEYS = {"apiVersion", "kind", "resources"}


def kustomization(folder: Path) -> dict:
    return yaml.safe_load((folder / "kustomization.yaml").read_text(encoding="utf-8"))


def read_manifests(path: Path) -> list[dict]:
    """Every resource in one file (a file may hold several, separated by ---)."""
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def read_base() -> list[dict]:
    """The base as `kustomize build` makes it: its resources, file by file, unchanged."""
    listed = kustomization(BASE)
    beyond = set(listed) - UNDERSTOOD_KUSTOMIZATION_KEYS
    assert not beyond, (
        f"deploy/kubernetes/base/kustomization.yaml uses {sorted(beyond)}: the build is then "
        "no longer the files as they are; teach tests/support/kubernetes.py to apply it"
    )
    return [resource for name in listed["resources"] for resource in read_manifests(BASE / name)]


def the(resources: list[dict], kind: str, name: str | None = None) -> dict:
    """The one resource of `kind` (named `name`, if given)."""
    found = [
        r
        for r in resources
        if r["kind"] == kind and (name is None or r["metadata"]["name"] == name)
    ]
    assert len(found) == 1, f"expected one {kind} {name or ''}, found {len(found)}"
    return found[0]


def kubectl_or_skip() -> None:
    """Skip a test that needs kustomize when kubectl is missing, except where everything is
    required (REQUIRE_BROWSER=1, as in CI, whose machine image has kubectl)."""
    import pytest

    if shutil.which("kubectl") is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but kubectl is not installed (kustomize is in it)")
        pytest.skip("needs kubectl, for `kubectl kustomize` (it reaches no cluster)")


def kustomize_build(folder: Path) -> list[dict]:
    """`kubectl kustomize folder`: what `kubectl apply -k folder` would send, built offline."""
    built = subprocess.run(
        ["kubectl", "kustomize", str(folder)], capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stderr
    return [doc for doc in yaml.safe_load_all(built.stdout) if doc]
