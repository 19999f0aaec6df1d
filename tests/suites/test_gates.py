"""Gates: every form and aggregation, on exact values; accuracy counts errored samples."""

import pytest

from app.suites import gates
from app.suites.source import Source

METRICS = {"quality", "ascii"}


def _parse(data: dict) -> dict:
    src = Source("suite.yaml", {"gate": data})
    gate = gates.parse(src, ("gate",), data, METRICS)
    assert src.problems == []
    return gate


VALUES = {"quality": [1.0, 0.5, 0.9, 0.2], "ascii": [1.0, 1.0, 0.0]}


@pytest.mark.parametrize(("aggregation", "expected"), [
    ("avg_score", 0.65), ("min", 0.2), ("max", 1.0), ("median", 0.7), ("p50", 0.7),
    ("p95", 0.985), ("p99", 0.997),
])
def test_simple_gate_aggregations(aggregation: str, expected: float) -> None:
    gate = _parse({"metric_key": "quality", "aggregation": aggregation, "op": "gte", "value": 0})
    assert gate["kind"] == "simple"
    assert gates.aggregate(aggregation, VALUES["quality"], 4, 1.0) == pytest.approx(expected)


def test_accuracy_is_a_percentage_of_all_samples_errored_ones_included() -> None:
    # 4 samples, 3 graded (one errored): 2 reach the threshold -> 50%, not 66.7%.
    gate = _parse({"metric_key": "ascii", "metric": "accuracy", "pass_threshold": 1, "op": "gte",
                   "value": 50})
    assert gates.evaluate(gate, VALUES, 4) == (True, ["PASS ascii accuracy = 50 >= 50"])
    assert gates.evaluate({**gate, "op": "gt"}, VALUES, 4) == (False, ["FAIL ascii accuracy = 50 > 50"])


def test_pass_threshold_decides_which_scores_pass() -> None:
    gate = _parse({"metric_key": "quality", "aggregation": "accuracy", "pass_threshold": 0.5,
                   "op": "eq", "value": 75})
    assert gates.evaluate(gate, VALUES, 4) == (True, ["PASS quality accuracy = 75 == 75"])


def test_a_metric_with_nothing_graded_fails_its_gate() -> None:
    gate = _parse({"metric_key": "quality", "op": "lt", "value": 1})
    assert gates.evaluate(gate, {"quality": []}, 3) == (False, ["FAIL quality avg_score = n/a < 1"])


def test_logical_and_or_nest() -> None:
    gate = _parse({"kind": "logical", "operator": "or", "conditions": [
        {"kind": "logical", "operator": "and", "conditions": [
            {"metric_key": "quality", "aggregation": "avg_score", "op": "gte", "value": 0.6},
            {"metric_key": "ascii", "aggregation": "min", "op": "gte", "value": 0.5}]},
        {"metric_key": "quality", "aggregation": "max", "op": "eq", "value": 1},
    ]})
    passed, lines = gates.evaluate(gate, VALUES, 4)
    assert passed is True
    assert lines == ["OR of:", "  AND of:", "    PASS quality avg_score = 0.65 >= 0.6",
                     "    FAIL ascii min = 0 >= 0.5", "  PASS quality max = 1 == 1"]
    gate["operator"] = "and"
    assert gates.evaluate(gate, VALUES, 4)[0] is False


def test_weighted_average_normalises_weights() -> None:
    gate = _parse({"kind": "weighted_average", "weights": {"quality": 3, "ascii": 1},
                   "op": "gte", "value": 0.65})
    # (3 * 0.65 + 1 * 0.6667) / 4 = 0.6542
    assert gates.evaluate(gate, VALUES, 4) == (
        True, ["PASS weighted_average(avg_score) = 0.6542 >= 0.65"])
    assert gates.evaluate({**gate, "value": 0.66}, VALUES, 4)[0] is False


def test_gate_problems_name_the_key() -> None:
    data = {"kind": "weighted_average", "weights": {"quality": -1, "speed": 2}, "op": "ge",
            "value": "high", "extra": 1}
    src = Source("suite.yaml", {"gate": data})
    gates.parse(src, ("gate",), data, METRICS)
    assert [f"{p.where}: {p.message}" for p in src.problems] == [
        ("gate.extra: unknown key 'extra'; allowed here: aggregation, kind, metric, op, "
        "pass_threshold, value, weights"),
        "gate.weights.quality: must be a number >= 0",
        "gate.weights.speed: 'speed' is not a grader of this suite",
        "gate.op: must be one of gt, gte, lt, lte, eq",
        "gate.value: must be a number",
    ]
