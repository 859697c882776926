"""deploy/grafana/ and deploy/prometheus/ as an operator loads them: every PromQL
expression parsed (promql-parser: promtool cannot be had offline), every figure it names
one the service counts, the dashboard in the shape Grafana 10 and later load, and the
alerts the issue asks for."""

from __future__ import annotations

import json
import re

import promql_parser
import pytest
import yaml

from app.metrics import FIGURES
from tests.support.project import PROJECT_ROOT

DASHBOARD = PROJECT_ROOT / "deploy" / "grafana" / "warning-signs-check.json"
ALERTS = PROJECT_ROOT / "deploy" / "prometheus" / "alerts.yaml"
SCRAPE = PROJECT_ROOT / "deploy" / "prometheus" / "scrape.yaml"

# What Prometheus itself records about each target.
PROMETHEUS_OWN = {"up"}
# What a Prometheus scrape of the service holds: each figure, and a histogram's series.
SCRAPED = {f.name for f in FIGURES} | {
    f"{f.name}_{part}"
    for f in FIGURES
    if f.kind == "histogram"
    for part in ("bucket", "sum", "count")
}
# Grafana's variables, replaced as Grafana would before the query reaches Prometheus.
GRAFANA_VARIABLES = {
    "$__rate_interval": "1m",
    "$__range": "30d",
    "$__interval": "1d",
    "$job": "warning-signs-check",
}


def parsed(expression: str):
    try:
        return promql_parser.parse(expression)
    except ValueError as error:
        raise AssertionError(f"not valid PromQL: {expression!r}: {error}") from None


def selectors(expression: str) -> list:
    """Every series selector in the expression: (metric name, {label: value} matched)."""
    found = []

    def visit(node):
        if isinstance(node, promql_parser.VectorSelector):
            matchers = {m.name: m.value for m in node.matchers.matchers}
            found.append((node.name, matchers))

    promql_parser.walk(parsed(expression), visit)
    return found


def test_the_parser_refuses_what_prometheus_would():
    with pytest.raises(AssertionError):
        parsed("sum(rate(check_exits_total[5m])")
    with pytest.raises(AssertionError):
        parsed("histogram_quantile(0.95, sum by (le) check_http_request_duration_seconds_bucket)")
    assert selectors('sum(rate(check_exits_total{job="x"}[5m]))') == [
        ("check_exits_total", {"job": "x"})
    ]


# The alerts.


def alert_rules() -> list[dict]:
    groups = yaml.safe_load(ALERTS.read_text())["groups"]
    assert groups
    return [rule for group in groups for rule in group["rules"]]


def scrape_job() -> str:
    (job,) = {config["job_name"] for config in yaml.safe_load(SCRAPE.read_text())["scrape_configs"]}
    return job


def test_every_alert_is_valid_and_names_only_what_is_counted():
    rules = alert_rules()
    for rule in rules:
        assert set(rule) == {"alert", "expr", "for", "labels", "annotations"}, rule["alert"]
        assert re.fullmatch(r"Check[A-Z]\w+", rule["alert"])
        promql_parser.parse_duration(rule["for"])
        assert rule["labels"]["severity"] in {"page", "warning"}
        assert rule["annotations"]["summary"] and rule["annotations"]["description"]
        for name, matchers in selectors(rule["expr"]):
            assert name in SCRAPED | PROMETHEUS_OWN, f"{rule['alert']}: {name} is not counted"
            assert matchers.get("job") == scrape_job(), rule["alert"]


def test_the_alerts_cover_errors_latency_and_no_instance():
    by_name = {rule["alert"]: rule for rule in alert_rules()}
    errors = selectors(by_name["CheckErrorRateHigh"]["expr"])
    assert ("check_http_requests_total", {"job": scrape_job(), "status": "5.."}) in errors
    latency = by_name["CheckPagesSlow"]["expr"]
    assert (
        "histogram_quantile" in latency and "check_http_request_duration_seconds_bucket" in latency
    )
    assert by_name["CheckNoInstanceUp"]["expr"].startswith("absent(up{")


def test_the_scrape_job_keeps_only_the_metrics_port():
    (config,) = yaml.safe_load(SCRAPE.read_text())["scrape_configs"]
    ports = [
        rule
        for rule in config["relabel_configs"]
        if rule["source_labels"] == ["__meta_kubernetes_pod_container_port_name"]
    ]
    assert ports == [
        {
            "source_labels": ["__meta_kubernetes_pod_container_port_name"],
            "regex": "metrics",
            "action": "keep",
        }
    ]


# The dashboard.


@pytest.fixture(scope="module")
def dashboard() -> dict:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))


def all_panels(dashboard: dict) -> list[dict]:
    panels = []
    for panel in dashboard["panels"]:
        panels.append(panel)
        panels.extend(panel.get("panels", []))
    return panels


def queries(dashboard: dict) -> dict[str, list[str]]:
    """Each panel's title and its expressions, with Grafana's variables filled in."""
    found = {}
    for panel in all_panels(dashboard):
        if panel["type"] == "row":
            continue
        expressions = []
        for target in panel["targets"]:
            expression = target["expr"]
            for variable, value in GRAFANA_VARIABLES.items():
                expression = expression.replace(variable, value)
            assert "$" not in expression, f"{panel['title']}: a variable Grafana has not"
            expressions.append(expression)
        found[panel["title"]] = expressions
    return found


def test_the_dashboard_is_one_grafana_10_loads(dashboard):
    assert dashboard["schemaVersion"] in (38, 39)
    assert dashboard["uid"] and dashboard["title"]
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["DS_PROMETHEUS"]["type"] == "datasource"
    assert variables["DS_PROMETHEUS"]["query"] == "prometheus"
    assert [i["name"] for i in dashboard["__inputs"]] == ["DS_PROMETHEUS"]
    assert variables["job"]["query"] == scrape_job()
    ids = [panel["id"] for panel in all_panels(dashboard)]
    assert len(ids) == len(set(ids))
    known = {"row", "timeseries", "stat", "bargauge", "piechart"}
    for panel in all_panels(dashboard):
        assert panel["type"] in known, panel["type"]
        place = panel["gridPos"]
        assert place["x"] >= 0 and place["x"] + place["w"] <= 24 and place["h"] > 0
        if panel["type"] != "row":
            assert panel["datasource"] == {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}
            for target in panel["targets"]:
                assert target["datasource"] == panel["datasource"]
            refs = [target["refId"] for target in panel["targets"]]
            assert len(refs) == len(set(refs))


def test_every_dashboard_query_is_valid_and_names_only_what_is_counted(dashboard):
    for title, expressions in queries(dashboard).items():
        for expression in expressions:
            for name, matchers in selectors(expression):
                assert name in SCRAPED | PROMETHEUS_OWN, f"{title}: {name} is not counted"
                assert matchers.get("job") == scrape_job(), title


def test_the_dashboard_shows_what_the_issue_asks_and_every_figure(dashboard):
    found = queries(dashboard)
    everything = " ".join(e for expressions in found.values() for e in expressions)
    for figure in FIGURES:
        assert figure.name in everything, f"{figure.name} is on no panel"
    titles = set(found)
    assert {"Checks started per day", "Checks completed per day", "Quick exits per day"} <= titles
    assert "Error rate" in titles
    for quantile, name in [("0.5", "p50"), ("0.95", "p95"), ("0.99", "p99")]:
        (expression,) = found[f"Time to prepare a page, {name}, by route"]
        assert expression.startswith(f"histogram_quantile({quantile}, sum by (le, route) (rate(")
    assert any("by (outcome)" in e for e in found["Outcomes in the period shown"])
    assert any(
        "by (language)" in e for e in found["Checks started by language in the period shown"]
    )
