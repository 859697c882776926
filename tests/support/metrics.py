"""Reading the service's figures as Prometheus would: from a scrape's text, or from an
app's own registry (metrics counted in memory, with Flask's test client)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from app import metrics
from app.checklist import Checklist
from app.cli.matrix import matrix_rows
from app.metrics import labels

# A sample: its name and its labels, as a sorted tuple of (label, value).
Series = tuple[str, tuple[tuple[str, str], ...]]


def samples(text: str) -> dict[Series, float]:
    """Every sample of a scrape, by name and labels."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def families(text: str) -> set[str]:
    """The metric names a scrape declares, with the "_total" of a counter."""
    names = set()
    for family in text_string_to_metric_families(text):
        names.add(family.name + "_total" if family.type == "counter" else family.name)
    return names


def scrape_app(app) -> str:
    """What the app's own registry would serve (metrics counted in memory)."""
    return generate_latest(metrics.registry(app)).decode()


def value(text: str, name: str, **label_values: str) -> float:
    """The value of one series (0 when the scrape does not have it)."""
    return samples(text).get((name, tuple(sorted(label_values.items()))), 0.0)


def total(text: str, name: str, **label_values: str) -> float:
    """The sum of `name` over every series whose labels include `label_values`."""
    return sum(
        v
        for (sample, series), v in samples(text).items()
        if sample == name and label_values.items() <= dict(series).items()
    )


def differences(before: str, after: str) -> Counter:
    """How each series changed from one scrape to the next (only those that did)."""
    old, new = samples(before), samples(after)
    changed = Counter()
    for series, v in new.items():
        if v != old.get(series, 0.0):
            changed[series] = v - old.get(series, 0.0)
    return changed


def expected_outcome(checklist: Checklist, audience: str, answers: Mapping[str, str]) -> str:
    """The outcome `flask checklist matrix` gives these answers, as the figures name it: an
    operator reads the row for the answers and its "outcome" column."""
    table = matrix_rows(checklist)
    question_ids = [question.id for question in checklist.questions]
    for row in table.rows:
        if row[0] == audience and row[1 : 1 + len(question_ids)] == [
            answers[q] for q in question_ids
        ]:
            return f"outcome-{row[-1]}"
    raise AssertionError(f"no row of the matrix for {audience} {answers}")


def allowed_label_values(checklist: Checklist, routes: set[str]) -> dict[str, set[str]]:
    """Every value each label may take: the sets fixed at start-up."""
    outcomes = {f"outcome-{row[-1]}" for row in matrix_rows(checklist).rows}
    statuses = {str(code) for code in labels.STATUSES} | {f"{n}xx" for n in range(1, 6)}
    return {
        "route": routes | {labels.UNKNOWN},
        "method": set(labels.METHODS) | {labels.OTHER},
        "status": statuses,
        "audience": set(checklist.audience_ids) | {labels.UNKNOWN},
        "language": set(checklist.languages) | {labels.UNKNOWN},
        "outcome": outcomes | {labels.UNKNOWN},
        "kiosk": set(labels.KIOSK.values()),
        "reason": set(labels.RESET_REASONS) | {labels.UNKNOWN},
        # A histogram's buckets (their bounds are fixed in app/metrics/counting.py).
        "le": None,
    }


def values_outside_the_fixed_sets(text: str, allowed: dict[str, set[str] | None]) -> list[str]:
    wrong = []
    for (name, series), _ in samples(text).items():
        for label, label_value in series:
            if label not in allowed:
                wrong.append(f"{name}: a label {label!r} no figure declares")
            elif allowed[label] is not None and label_value not in allowed[label]:
                wrong.append(f"{name}: {label}={label_value!r}")
    return wrong
