"""deploy/kubernetes/: valid Kubernetes of the stated versions, checked offline against the
schemas kubernetes-validate ships, and in agreement with the app the pods run: its port, its
settings, its probes, its shutdown, and deploy/nginx.conf."""

from __future__ import annotations

import copy
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
from flask import Flask
from kubernetes_validate import validate
from kubernetes_validate.utils import SchemaNotFoundError, ValidationError

from app.settings import DEFAULTS
from harness.deployed import ENTRY_POINT, free_port, wait_until_answering
from tests.support.kubernetes import (
    BASE,
    EXAMPLE,
    KUBERNETES,
    VERSIONS,
    kubectl_or_skip,
    kustomization,
    kustomize_build,
    read_base,
    read_manifests,
    the,
)
from tests.support.project import PROJECT_ROOT, TEST_SECRET

NGINX_CONF = (PROJECT_ROOT / "deploy" / "nginx.conf").read_text()
GUNICORN_CONF = PROJECT_ROOT / "deploy" / "gunicorn.conf.py"
OVERLAY_HOST = "check.your-organisation.example"
NAMESPACED = {
    "Deployment",
    "Service",
    "Ingress",
    "HorizontalPodAutoscaler",
    "PodDisruptionBudget",
    "NetworkPolicy",
    "Secret",
}


@pytest.fixture(scope="module")
def base():
    return read_base()


@pytest.fixture(scope="module")
def pod(base):
    return the(base, "Deployment")["spec"]["template"]


@pytest.fixture(scope="module")
def container(pod):
    (container,) = pod["spec"]["containers"]
    return container


def env_of(container) -> dict[str, dict]:
    return {variable["name"]: variable for variable in container["env"]}


def probes_of(container) -> dict[str, dict]:
    return {kind: container[kind] for kind in ("startupProbe", "livenessProbe", "readinessProbe")}


def assert_valid(resources: list[dict], version: str) -> None:
    faults = []
    for resource in resources:
        name = f"{resource['kind']} {resource['metadata']['name']}"
        try:
            validate(resource, version, strict=True)
        except ValidationError as error:
            place = ".".join(str(step) for step in error.path)
            faults.append(f"{name}: {place}: {error.message}")
        except SchemaNotFoundError as error:
            faults.append(f"{name}: {error.message}")
    assert not faults, f"not valid Kubernetes {version}:\n" + "\n".join(faults)


# What Kubernetes will accept.


def test_the_base_is_its_listed_files_as_they_are():
    listed = kustomization(BASE)["resources"]
    in_folder = sorted(p.name for p in BASE.glob("*.yaml") if p.name != "kustomization.yaml")
    assert sorted(listed) == in_folder
    # read_base() refuses a kustomization that would change the files on the way.
    assert read_base()


@pytest.mark.parametrize("version", VERSIONS)
def test_every_manifest_is_valid_kubernetes(base, version):
    overlay_own = [
        resource
        for name in kustomization(EXAMPLE)["resources"]
        if (EXAMPLE / name).is_file()
        for resource in read_manifests(EXAMPLE / name)
    ]
    assert overlay_own, "the example overlay's own resources (its namespace) were not found"
    assert_valid(base + overlay_own, version)


def test_the_validation_refuses_a_misspelt_field_and_an_unknown_kind(base):
    misspelt = copy.deepcopy(the(base, "Deployment"))
    security = misspelt["spec"]["template"]["spec"]["containers"][0]["securityContext"]
    security["readOnlyRootFileSystem"] = security.pop("readOnlyRootFilesystem")
    with pytest.raises(ValidationError):
        validate(misspelt, VERSIONS[0], strict=True)
    unknown = {**the(base, "Service"), "kind": "Servce"}
    with pytest.raises(SchemaNotFoundError):
        validate(unknown, VERSIONS[0], strict=True)


def test_kustomize_builds_the_base_as_the_tests_read_it(base):
    kubectl_or_skip()

    def by_name(resources):
        return {(r["kind"], r["metadata"]["name"]): r for r in resources}

    assert by_name(kustomize_build(BASE)) == by_name(base)


@pytest.fixture(scope="module")
def example_built(tmp_path_factory):
    """The example overlay built as an operator would, after making the two secret files
    (in a copy: nothing is written into the repository)."""
    kubectl_or_skip()
    copied = tmp_path_factory.mktemp("kubernetes") / "kubernetes"
    shutil.copytree(KUBERNETES, copied)
    (copied / "example" / "secret-key").write_text(TEST_SECRET)
    (copied / "example" / "secret-key-fallbacks").write_text("[]\n")
    return kustomize_build(copied / "example")


@pytest.mark.parametrize("version", VERSIONS)
def test_the_example_overlay_builds_valid_kubernetes(example_built, version):
    assert_valid(example_built, version)


def test_the_example_overlay_sets_what_an_operator_must(example_built):
    namespace = the(example_built, "Namespace")
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    for resource in example_built:
        if resource["kind"] in NAMESPACED:
            assert resource["metadata"]["namespace"] == namespace["metadata"]["name"]
    (container,) = the(example_built, "Deployment")["spec"]["template"]["spec"]["containers"]
    assert container["image"] == "registry.example.org/warning-signs-check:0.1.0"
    # Every host and certificate of the base was replaced, in both Ingresses.
    ingresses = [r for r in example_built if r["kind"] == "Ingress"]
    assert len(ingresses) == 2
    for ingress in ingresses:
        assert [rule["host"] for rule in ingress["spec"]["rules"]] == [OVERLAY_HOST]
        assert ingress["spec"]["tls"] == [
            {"hosts": [OVERLAY_HOST], "secretName": "check-your-organisation-tls"}
        ]


def test_the_secret_key_comes_from_the_generated_secret_and_never_from_git(
    example_built, container
):
    secrets = {r["metadata"]["name"]: r for r in example_built if r["kind"] == "Secret"}
    (built_container,) = the(example_built, "Deployment")["spec"]["template"]["spec"]["containers"]
    references = [
        variable["valueFrom"]["secretKeyRef"]
        for variable in built_container["env"]
        if "secretKeyRef" in variable.get("valueFrom", {})
    ]
    assert {ref["key"] for ref in references} == {"secret-key", "secret-key-fallbacks"}
    for reference in references:
        # kustomize renamed the reference to the generated Secret, with its hash.
        assert reference["key"] in secrets[reference["name"]]["data"]
    # The key is never a plain value in a manifest, and the files that hold it are ignored.
    assert "value" not in env_of(container)["FLASK_SECRET_KEY"]
    for name in kustomization(EXAMPLE)["secretGenerator"][0]["files"]:
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", str(EXAMPLE / name)], cwd=PROJECT_ROOT, check=False
        )
        assert ignored.returncode == 0, f"{name} would be committed: list it in .gitignore"


def test_the_secret_the_pods_use_is_the_one_the_overlay_makes(container):
    # A generated Secret's keys are its files' names, or what stands before "=" in
    # "key=path".
    generated = {
        generator["name"]: {entry.split("=")[0].split("/")[-1] for entry in generator["files"]}
        for generator in kustomization(EXAMPLE)["secretGenerator"]
    }
    for name, variable in env_of(container).items():
        reference = variable.get("valueFrom", {}).get("secretKeyRef")
        if reference:
            assert reference["name"] in generated, f"{name}: no Secret {reference['name']}"
            assert reference["key"] in generated[reference["name"]], name


# What the pods and the objects around them say to each other.


def test_every_selector_selects_the_pods(base, pod):
    labels = pod["metadata"]["labels"]

    def selects(selector):
        return selector and all(labels.get(k) == v for k, v in selector.items())

    deployment = the(base, "Deployment")
    assert selects(deployment["spec"]["selector"]["matchLabels"])
    assert selects(the(base, "Service")["spec"]["selector"])
    assert selects(the(base, "PodDisruptionBudget")["spec"]["selector"]["matchLabels"])
    assert selects(the(base, "NetworkPolicy")["spec"]["podSelector"]["matchLabels"])
    for spread in pod["spec"]["topologySpreadConstraints"]:
        assert selects(spread["labelSelector"]["matchLabels"])
    target = the(base, "HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"], target["name"]) == (
        deployment["apiVersion"],
        deployment["kind"],
        deployment["metadata"]["name"],
    )


def ports_of(container) -> dict[str, dict]:
    return {port["name"]: port for port in container["ports"]}


def test_every_port_is_the_one_the_app_listens_on(base, container):
    ports = ports_of(container)
    assert set(ports) == {"http", "metrics"}
    port = ports["http"]
    assert port["containerPort"] == int(env_of(container)["PORT"]["value"])

    def is_the_app_port(value):
        return value in (port["name"], port["containerPort"])

    for kind, probe in probes_of(container).items():
        assert is_the_app_port(probe["httpGet"]["port"]), kind
    service = the(base, "Service")
    (service_port,) = service["spec"]["ports"]
    assert is_the_app_port(service_port["targetPort"])
    app_rule = the(base, "NetworkPolicy")["spec"]["ingress"][0]
    assert [is_the_app_port(p["port"]) for p in app_rule["ports"]] == [True]
    for ingress in (r for r in base if r["kind"] == "Ingress"):
        for path in ingress["spec"]["rules"][0]["http"]["paths"]:
            backend = path["backend"]["service"]
            assert backend["name"] == service["metadata"]["name"]
            assert backend["port"] in ({"name": service_port["name"]}, {"number": 80})


def server_reads() -> set[str]:
    """The environment variables deploy/gunicorn.conf.py reads, and PORT, which gunicorn
    itself reads when given no address (test_the_probes_answer_... runs it that way)."""
    source = GUNICORN_CONF.read_text()
    read = re.findall(r"os\.(?:environ\.get|getenv)\(\s*[\"'](\w+)[\"']", source)
    read += re.findall(r"os\.environ\[\s*[\"'](\w+)[\"']\s*\]", source)
    return {*read, "PORT"}


def test_every_environment_variable_is_a_setting_the_service_reads(container):
    app_settings = {f"FLASK_{name}" for name in [*DEFAULTS, *Flask.default_config]}
    known = app_settings | server_reads()
    assert "WEB_CONCURRENCY" in known and "FLASK_SECRET_KEY_FALLBACKS" in known
    assert {"METRICS_PORT", "METRICS_ADDRESS"} <= known
    unknown = set(env_of(container)) - known
    assert not unknown, f"set in deployment.yaml but read by nothing: {sorted(unknown)}"


def test_the_pods_meet_the_restricted_pod_security_standard(pod, container):
    spec = pod["spec"]
    assert spec["automountServiceAccountToken"] is False
    assert spec["enableServiceLinks"] is False
    assert spec["securityContext"]["runAsNonRoot"] is True
    assert spec["securityContext"]["runAsUser"] > 0
    assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    security = container["securityContext"]
    assert security["allowPrivilegeEscalation"] is False
    assert security["readOnlyRootFilesystem"] is True
    assert security["capabilities"] == {"drop": ["ALL"]}
    assert "hostNetwork" not in spec and "hostPID" not in spec


def test_the_one_writable_place_is_where_the_image_writes_in_memory(pod, container):
    # The image writes nowhere but gunicorn's worker_tmp_dir (deploy/gunicorn.conf.py).
    worker_tmp_dir = runpy.run_path(str(GUNICORN_CONF))["worker_tmp_dir"]
    volumes = {volume["name"]: volume for volume in pod["spec"]["volumes"]}
    (mount,) = container["volumeMounts"]
    assert mount["mountPath"] == worker_tmp_dir == "/dev/shm"
    assert volumes[mount["name"]]["emptyDir"]["medium"] == "Memory"


def test_shutdown_finishes_within_the_grace_period(pod, container):
    graceful_timeout = runpy.run_path(str(GUNICORN_CONF))["graceful_timeout"]
    pause = container["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pause + graceful_timeout < pod["spec"]["terminationGracePeriodSeconds"]


def test_resources_are_requested_and_limited(container):
    def cores(value: str) -> float:
        return int(value[:-1]) / 1000 if value.endswith("m") else float(value)

    def mebibytes(value: str) -> int:
        assert value.endswith("Mi"), value
        return int(value[:-2])

    requests, limits = container["resources"]["requests"], container["resources"]["limits"]
    assert cores(requests["cpu"]) <= cores(limits["cpu"])
    assert mebibytes(requests["memory"]) <= mebibytes(limits["memory"])
    # Each gunicorn worker uses at most one core: the limit is one core a worker.
    assert cores(limits["cpu"]) == int(env_of(container)["WEB_CONCURRENCY"]["value"])


def test_the_autoscaler_keeps_two_pods_and_owns_the_count(base):
    autoscaler = the(base, "HorizontalPodAutoscaler")["spec"]
    assert autoscaler["minReplicas"] >= 2
    assert autoscaler["maxReplicas"] >= autoscaler["minReplicas"]
    assert [m["resource"]["name"] for m in autoscaler["metrics"]] == ["cpu"]
    assert "replicas" not in the(base, "Deployment")["spec"]
    # Maintenance takes at most one pod at a time.
    assert the(base, "PodDisruptionBudget")["spec"]["maxUnavailable"] == 1


def test_the_pods_may_reach_nothing_and_be_reached_only_by_the_ingress_controller(base):
    policy = the(base, "NetworkPolicy")["spec"]
    assert sorted(policy["policyTypes"]) == ["Egress", "Ingress"]
    assert policy["egress"] == []
    # The ingress controller on the app's port, Prometheus on the metrics port: each
    # rule one source (both selectors in one entry: those pods in that namespace) and one
    # port, and no port open to both.
    app_rule, metrics_rule = policy["ingress"]
    for rule, port, namespace in [
        (app_rule, "http", "ingress-nginx"),
        (metrics_rule, "metrics", "monitoring"),
    ]:
        (source,) = rule["from"]
        assert set(source) == {"namespaceSelector", "podSelector"}
        assert source["namespaceSelector"]["matchLabels"] == {
            "kubernetes.io/metadata.name": namespace
        }
        assert rule["ports"] == [{"protocol": "TCP", "port": port}]


# The service's figures: scraped from each pod, never exposed.


def test_the_metrics_port_is_scraped_from_the_pods_and_never_exposed(base, pod, container):
    metrics_port = ports_of(container)["metrics"]
    env = env_of(container)
    assert metrics_port["containerPort"] == int(env["METRICS_PORT"]["value"])
    assert metrics_port["containerPort"] != ports_of(container)["http"]["containerPort"]
    # On the pod's own address, where Prometheus scrapes it (the NetworkPolicy lets only
    # Prometheus in): the default, 127.0.0.1, could not be reached from outside the pod.
    assert env["METRICS_ADDRESS"]["value"] == "0.0.0.0"
    annotations = pod["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(metrics_port["containerPort"])
    assert annotations["prometheus.io/path"] == "/metrics"
    # No Service, and so no Ingress, leads to it.
    for port in the(base, "Service")["spec"]["ports"]:
        assert port["targetPort"] not in ("metrics", metrics_port["containerPort"])
        assert port["port"] != metrics_port["containerPort"]
    for ingress in (r for r in base if r["kind"] == "Ingress"):
        for path in ingress["spec"]["rules"][0]["http"]["paths"]:
            assert path["backend"]["service"]["port"] == {"name": "http"}
    # Nor does a probe.
    for probe in probes_of(container).values():
        assert probe["httpGet"]["port"] == "http"


# What the ingress controller does, against deploy/nginx.conf.


def nginx_setting(pattern: str) -> str:
    found = re.search(pattern, NGINX_CONF, re.MULTILINE)
    assert found, f"deploy/nginx.conf no longer has {pattern!r}"
    return found.group(1)


def test_the_ingress_asks_for_what_nginx_conf_does(base):
    ingresses = [r for r in base if r["kind"] == "Ingress"]
    app_ingress = the(base, "Ingress", "warning-signs-check")
    annotations = app_ingress["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert annotations[prefix + "proxy-body-size"] == nginx_setting(
        r"^\s*client_max_body_size (\S+);"
    )
    assert annotations[prefix + "limit-connections"] == nginx_setting(
        r"^\s*limit_conn per_address (\d+);"
    )
    assert nginx_setting(r"^\s*(access_log off);")
    for ingress in ingresses:
        assert ingress["metadata"]["annotations"][prefix + "enable-access-log"] == "false"
        hosts = [rule["host"] for rule in ingress["spec"]["rules"]]
        assert [tls["hosts"] for tls in ingress["spec"]["tls"]] == [hosts]
    assert annotations[prefix + "proxy-request-buffering"] == nginx_setting(
        r"^\s*proxy_request_buffering (on);"
    )
    # The same retries, form posts included.
    retried = nginx_setting(r"^\s*proxy_next_upstream ([^;]+);")
    assert "non_idempotent" in retried.split()
    assert annotations[prefix + "proxy-next-upstream"] == retried
    assert annotations[prefix + "ssl-redirect"] == "true"


def test_the_probe_paths_are_refused_from_outside(base, container):
    probe_paths = {probe["httpGet"]["path"] for probe in probes_of(container).values()}
    assert probe_paths == {"/healthz", "/readyz"}
    refusing = the(base, "Ingress", "warning-signs-check-probes")
    denied = refusing["metadata"]["annotations"][
        "nginx.ingress.kubernetes.io/denylist-source-range"
    ]
    assert set(denied.split(",")) == {"0.0.0.0/0", "::/0"}
    paths = refusing["spec"]["rules"][0]["http"]["paths"]
    assert {p["path"] for p in paths} == probe_paths
    assert {p["pathType"] for p in paths} == {"Exact"}
    app_hosts = [r["host"] for r in the(base, "Ingress", "warning-signs-check")["spec"]["rules"]]
    assert [r["host"] for r in refusing["spec"]["rules"]] == app_hosts


# The app as the pods run it.


@contextmanager
def served_as_the_pods_run_it(container, log_path):
    """gunicorn as shipped (deploy/gunicorn.conf.py, the entry point), with the pod's
    environment and no address: it listens on $PORT, as in the container. The Secret's
    values are the test's; PORT (and METRICS_PORT) a free one, since the pods' may be
    taken here. Yields (its address, its metrics listener's address). Its
    error log goes to `log_path`, and is shown if it does not start."""
    port = free_port()
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("FLASK_") and k != "PORT"
    }
    for name, variable in env_of(container).items():
        if "value" in variable:
            environment[name] = variable["value"]
    environment["FLASK_SECRET_KEY"] = TEST_SECRET
    environment["FLASK_SECRET_KEY_FALLBACKS"] = json.dumps(["old-" + TEST_SECRET])
    environment["PORT"] = str(port)
    # The metrics listener as the pods run it, but on a free port of 127.0.0.1: the pods'
    # port may be taken here, and this machine's other addresses are no place for it.
    metrics_port = free_port()
    environment["METRICS_PORT"] = str(metrics_port)
    environment["METRICS_ADDRESS"] = "127.0.0.1"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF), ENTRY_POINT],
            cwd=PROJECT_ROOT,
            env=environment,
            stderr=log,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_answering(f"{base}/healthz", process)
        except (RuntimeError, OSError) as error:
            raise AssertionError(f"{error}; its log:\n{log_path.read_text()}") from None
        yield base, f"http://127.0.0.1:{metrics_port}/metrics"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_probes_answer_on_the_app_as_the_pods_run_it(container, tmp_path):
    """/readyz comes with the readiness work (issue 23, part 2): until that is merged this
    test fails on it, rightly, since the pods would never be ready."""
    with served_as_the_pods_run_it(container, tmp_path / "gunicorn.log") as (base, metrics):
        with urllib.request.urlopen(metrics, timeout=5) as answer:
            assert "# TYPE check_exits_total counter" in answer.read().decode()
        for kind, probe in probes_of(container).items():
            try:
                with urllib.request.urlopen(base + probe["httpGet"]["path"], timeout=5) as answer:
                    status = answer.status
            except urllib.error.HTTPError as error:
                status = error.code
            assert status == 200, f"{kind} on {probe['httpGet']['path']} answered {status}"
