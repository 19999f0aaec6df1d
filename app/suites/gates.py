"""Gates: the pass/fail of a suite (exit code 1 when it fails).

letta-evals' forms: `simple` (the default kind of a condition), `logical` (and/or over
conditions, nested freely) and `weighted_average`. Aggregations over a metric's graded
samples: avg_score, min, max, median/p50, p95, p99; `accuracy` is the percentage (0-100) of
ALL samples scoring >= pass_threshold (default 1.0): a sample whose target failed or whose
grader errored counts against it, never silently out of the denominator.
"""

import operator
from typing import Any

import numpy as np

from app.suites.source import Source

AGGREGATIONS = ("avg_score", "accuracy", "min", "max", "median", "p50", "p95", "p99")
OPS = {"gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le,
       "eq": operator.eq}
SYMBOLS = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<=", "eq": "=="}
SIMPLE_KEYS = frozenset({"kind", "metric_key", "aggregation", "metric", "op", "value",
                         "pass_threshold"})
LOGICAL_KEYS = frozenset({"kind", "operator", "conditions"})
WEIGHTED_KEYS = frozenset({"kind", "weights", "aggregation", "metric", "op", "value",
                           "pass_threshold"})


def _number(src: Source, path: tuple, data: dict, key: str, default: float | None = None) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        src.problem((*path, key), "must be a number")
        return 0.0
    return float(value)


def _comparison(src: Source, path: tuple, data: dict) -> dict[str, Any]:
    """op, value, aggregation (alias metric) and pass_threshold, shared by simple and weighted."""
    if "aggregation" in data and "metric" in data:
        src.problem((*path, "metric"), "give aggregation or its alias metric, not both")
    aggregation = data.get("aggregation", data.get("metric", "avg_score"))
    if aggregation not in AGGREGATIONS:
        src.problem((*path, "aggregation"), f"must be one of {', '.join(AGGREGATIONS)}")
    op = data.get("op", "gte")
    if op not in OPS:
        src.problem((*path, "op"), f"must be one of {', '.join(OPS)}")
    return {"aggregation": aggregation, "op": op, "value": _number(src, path, data, "value"),
            "pass_threshold": _number(src, path, data, "pass_threshold", 1.0)}


def parse(src: Source, path: tuple, data: Any, metrics: set[str]) -> dict[str, Any] | None:
    if not isinstance(data, dict):
        src.problem(path, "a gate is a mapping (kind simple, logical or weighted_average)")
        return None
    kind = data.get("kind", "simple")
    if kind == "simple":
        src.check_keys(path, data, SIMPLE_KEYS)
        metric = data.get("metric_key")
        if metric not in metrics:
            src.problem((*path, "metric_key"), f"{metric!r} is not a grader of this suite "
                        f"({', '.join(sorted(metrics)) or 'none'})")
        return {"kind": "simple", "metric_key": metric, **_comparison(src, path, data)}
    if kind == "logical":
        src.check_keys(path, data, LOGICAL_KEYS)
        if data.get("operator") not in ("and", "or"):
            src.problem((*path, "operator"), "must be and or or")
        conditions = data.get("conditions")
        if not isinstance(conditions, list) or not conditions:
            src.problem((*path, "conditions"), "must be a non-empty list of conditions")
            conditions = []
        parsed = [parse(src, (*path, "conditions", i), c, metrics) for i, c in enumerate(conditions)]
        return {"kind": "logical", "operator": data.get("operator"), "conditions": parsed}
    if kind == "weighted_average":
        src.check_keys(path, data, WEIGHTED_KEYS)
        weights = data.get("weights")
        if not isinstance(weights, dict) or not weights:
            src.problem((*path, "weights"), "must be a mapping of metric to weight")
            weights = {}
        for metric, weight in weights.items():
            if metric not in metrics:
                src.problem((*path, "weights", metric), f"{metric!r} is not a grader of this suite")
            if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
                src.problem((*path, "weights", metric), "must be a number >= 0")
        if weights and not sum(w for w in weights.values() if isinstance(w, int | float)):
            src.problem((*path, "weights"), "must not all be 0")
        return {"kind": "weighted_average", "weights": weights, **_comparison(src, path, data)}
    src.problem((*path, "kind"), "must be simple, logical or weighted_average")
    return None


def aggregate(aggregation: str, graded: list[float], total: int, pass_threshold: float) -> float | None:
    """None when nothing was graded (a gate on it fails: no evidence is not a pass)."""
    if aggregation == "accuracy":
        return 100.0 * sum(v >= pass_threshold for v in graded) / total if total else None
    if not graded:
        return None
    if aggregation == "avg_score":
        return float(np.mean(graded))
    if aggregation in ("min", "max"):
        return float(min(graded) if aggregation == "min" else max(graded))
    q = {"median": 50, "p50": 50, "p95": 95, "p99": 99}[aggregation]
    return float(np.percentile(graded, q))


def evaluate(gate: dict, values: dict[str, list[float]], total: int) -> tuple[bool, list[str]]:
    """(passed, one line per condition); `values` holds each metric's graded scores."""
    if gate["kind"] == "logical":
        outcomes = [evaluate(c, values, total) for c in gate["conditions"]]
        combine = all if gate["operator"] == "and" else any
        lines = [f"{gate['operator'].upper()} of:"] + ["  " + ln for _, sub in outcomes for ln in sub]
        return combine(ok for ok, _ in outcomes), lines
    if gate["kind"] == "weighted_average":
        weights = gate["weights"]
        parts = {m: aggregate(gate["aggregation"], values.get(m, []), total, gate["pass_threshold"])
                 for m in weights}
        if any(v is None for v in parts.values()):
            actual, label = None, "weighted_average (a metric has no graded sample)"
        else:
            actual = sum(weights[m] * parts[m] for m in weights) / sum(weights.values())
            label = f"weighted_average({gate['aggregation']})"
    else:
        actual = aggregate(gate["aggregation"], values.get(gate["metric_key"], []), total,
                           gate["pass_threshold"])
        label = f"{gate['metric_key']} {gate['aggregation']}"
    passed = actual is not None and OPS[gate["op"]](actual, gate["value"])
    shown = "n/a" if actual is None else f"{actual:.4g}"
    verdict = "PASS" if passed else "FAIL"
    return passed, [f"{verdict} {label} = {shown} {SYMBOLS[gate['op']]} {gate['value']:g}"]
