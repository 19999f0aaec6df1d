"""The statistics of a comparison, built from the runs and scores of each experiment.

Honest denominators: every run counts under exactly one heading per score name (scored,
judge_error, target_error, skipped, missing, not_run), and every item of either side counts
under exactly one pairing heading, so nothing drops out of a comparison unseen.
Pure (no database): compare.py reads the rows, this runs off the event loop.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from app.experiments import stats

UNSCORED = ("judge_error", "target_error", "skipped", "missing", "not_run")
METRICS = ("latency_ms", "cost")  # lower is better


@dataclass
class Side:
    """One experiment's values: per score name (or metric), item -> values of its scored runs."""

    items: set = field(default_factory=set)
    runs: int = 0
    values: dict[str, dict[Any, list[float]]] = field(default_factory=dict)
    counts: dict[str, Counter] = field(default_factory=dict)
    versions: dict[str, set[str]] = field(default_factory=dict)
    metrics: dict[str, dict[Any, list[float]]] = field(
        default_factory=lambda: {m: {} for m in METRICS}
    )


def score_state(score: dict | None, run_status: str) -> str:
    """The one heading a run counts under for a score name (see UNSCORED)."""
    if score is None:
        if run_status == "failed":
            return "target_error"  # a run recorded before target_error rows existed
        if run_status == "skipped":  # the circuit breaker skipped the run (issue 14)
            return "skipped"
        return "missing" if run_status == "completed" else "not_run"
    status = score.get("status") or "ok"
    if status != "ok":
        return status if status in UNSCORED else "judge_error"
    if score.get("numeric_value") is None:
        # A label without a number (a human's categorical score) is not a failure.
        return "skipped" if score.get("data_type") == "categorical" else "judge_error"
    return "scored"


def collect(runs: list[dict], names: list[str]) -> Side:
    """`runs`: {item, status, latency_ms, cost, scores} dicts, every repetition of every item."""
    side = Side(counts={n: Counter() for n in names})
    for run in runs:
        side.items.add(run["item"])
        side.runs += 1
        latest = {s["name"]: s for s in run["scores"]}  # oldest first: a later fix wins
        for name in names:
            score = latest.get(name)
            state = score_state(score, run["status"])
            side.counts[name][state] += 1
            if state == "scored":
                side.values.setdefault(name, {}).setdefault(run["item"], []).append(
                    float(score["numeric_value"])
                )
            if score is not None and score.get("evaluator_version"):
                side.versions.setdefault(name, set()).add(score["evaluator_version"])
        if run["status"] == "completed":
            for metric in METRICS:
                if run.get(metric) is not None:
                    side.metrics[metric].setdefault(run["item"], []).append(float(run[metric]))
    return side


def score_summary(side: Side, name: str) -> dict[str, Any]:
    """Counts per heading; `mean` over items, each item's value the mean of its scored
    repetitions (with one repetition, the mean over scored runs), so an item run three times
    weighs as much as one run once; `n` is the scored runs, `n_items` the items."""
    counts = side.counts[name]
    item_means = [stats.item_mean(vs) for vs in side.values.get(name, {}).values()]
    n = counts["scored"]
    return {
        "mean": stats.mean_and_n(item_means)["mean"],
        "n": n,
        "n_items": len(item_means),
        "n_scored": n,
        "n_errored": counts["judge_error"],
        **{f"n_{state}": counts[state] for state in UNSCORED if state != "judge_error"},
        "n_runs": side.runs,
        "coverage": round(n / side.runs, 6) if side.runs else None,
    }


def pairing(
    base_items: set, base: dict[Any, list[float]], items: set, mine: dict[Any, list[float]]
) -> dict[str, Any]:
    """Every item of either side under one heading: paired, or why it is not."""
    headings: Counter = Counter()
    for item in base_items | items:
        if item not in base_items:
            headings["only_here"] += 1
        elif item not in items:
            headings["only_in_baseline"] += 1
        elif item in base and item in mine:
            headings["paired"] += 1
        elif item in mine:
            headings["unscored_in_baseline"] += 1
        elif item in base:
            headings["unscored_here"] += 1
        else:
            headings["unscored_both"] += 1
    keys = ("only_here", "only_in_baseline", "unscored_in_baseline", "unscored_here",
            "unscored_both")
    return {"items": len(base_items | items), **{k: headings[k] for k in keys}}


def versus(base: Side, side: Side, name: str, alpha: float) -> dict[str, Any]:
    base_values, my_values = base.values.get(name, {}), side.values.get(name, {})
    paired = stats.compare_paired(base_values, my_values, alpha=alpha)
    base_mean = score_summary(base, name)["mean"]
    my_mean = score_summary(side, name)["mean"]
    delta = None if base_mean is None or my_mean is None else round(my_mean - base_mean, 6)
    return {
        "delta": delta,
        **paired,
        "pairing": pairing(base.items, base_values, side.items, my_values),
        "regressed_items": _regressed(base_values, my_values),
    }


def _regressed(base: dict[Any, list[float]], mine: dict[Any, list[float]]) -> list[str]:
    """Items that passed in the baseline and fail here (pass/fail scores only)."""
    return sorted(
        str(item)
        for item, values in base.items()
        if item in mine
        and stats.is_pass_fail(values + mine[item])
        and stats.item_mean(values) == 1.0
        and stats.item_mean(mine[item]) < 1.0
    )


def metric_versus(base: Side, side: Side, metric: str, alpha: float) -> dict[str, Any]:
    paired = stats.compare_paired(
        base.metrics[metric], side.metrics[metric], higher_is_better=False, alpha=alpha,
        pass_fail=False,
    )
    return {
        **paired,
        "pairing": pairing(base.items, base.metrics[metric], side.items, side.metrics[metric]),
    }


def version_warnings(keys: list[str], sides: dict[str, Side], names: list[str]) -> list[dict]:
    """A score name produced by different versions of its evaluator across experiments."""
    warnings = []
    for name in names:
        seen = {k: sorted(sides[k].versions.get(name, ())) for k in keys}
        distinct = {v for vs in seen.values() for v in vs}
        if len(distinct) > 1:
            warnings.append({
                "score_name": name,
                "evaluator_versions": {k: v for k, v in seen.items() if v},
                "message": f"{name!r} was scored by {len(distinct)} different versions of its "
                "evaluator: differences may come from the evaluator, not the experiment.",
            })
    return warnings


def summarize(
    keys: list[str], runs: dict[str, list[dict]], alpha: float = stats.ALPHA
) -> dict[str, Any]:
    """The compare summary: per experiment and score name, counts and means over scored
    runs; versus the baseline (the first key), paired statistics and a verdict."""
    names = sorted({s["name"] for rs in runs.values() for r in rs for s in r["scores"]})
    sides = {k: collect(runs.get(k, []), names) for k in keys}
    baseline = sides[keys[0]]
    out: dict[str, Any] = {}
    for key in keys:
        side = sides[key]
        entry: dict[str, Any] = {
            "scores": {name: score_summary(side, name) for name in names},
            "metrics": {
                m: stats.mean_and_n([v for vs in side.metrics[m].values() for v in vs])
                for m in METRICS
            },
            "vs_baseline": None,
            "metrics_vs_baseline": None,
        }
        if key != keys[0]:
            entry["vs_baseline"] = {n: versus(baseline, side, n, alpha) for n in names}
            entry["metrics_vs_baseline"] = {
                m: metric_versus(baseline, side, m, alpha) for m in METRICS
            }
        out[key] = entry
    return {
        "baseline_id": keys[0],
        "score_names": names,
        "alpha": alpha,
        "bootstrap": {"resamples": stats.RESAMPLES, "seed": stats.SEED, "confidence": 0.95},
        "warnings": version_warnings(keys, sides, names),
        "experiments": out,
    }
