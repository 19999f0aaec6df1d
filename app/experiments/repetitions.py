"""Repetitions (issue 11 item 2): per-item statistics over an item's repeated runs, and the
pass@k / pass^k estimators for pass/fail (boolean) scores.

Pure (no database): results.py hands in the runs and their scores. A run counts for a score
as significance.score_state says: `scored` gives a value; a run that failed (target_error)
is a fail for a pass/fail score (the output never came, so it did not pass) and no value for
a numeric one; judge errors, missing scores, skipped and unfinished runs are no evidence
either way and are left out. docs/statistics.md names the formulas.
"""

import math
import statistics
from typing import Any

from app.experiments import significance, stats

K_STEPS = (1, 2, 3, 5, 10, 20, 50, 100)


def _latest(scores: list[dict]) -> dict[str, dict]:
    return {s["name"]: s for s in scores}  # oldest first: a later score of a name wins


def _boolean_names(scores: dict[Any, list[dict]]) -> set[str]:
    """Pass/fail score names: recorded as boolean (a judge's <name>_pass with a threshold, a
    human's true/false), or every value 0 or 1 (exact match, contains, regex... score 1.0 or
    0.0): the rule compare uses to choose McNemar's test."""
    values: dict[str, list[float]] = {}
    boolean = set()
    for run_scores in scores.values():
        for s in run_scores:
            if s.get("data_type") == "boolean":
                boolean.add(s["name"])
            elif s.get("numeric_value") is not None:
                values.setdefault(s["name"], []).append(float(s["numeric_value"]))
    return boolean | {name for name, vs in values.items() if stats.is_pass_fail(vs)}


def _outcomes(runs: list[Any], scores: dict[Any, list[dict]], names: list[str],
              boolean: set[str]) -> dict[Any, dict[str, list[float]]]:
    """item -> score name -> the values of its repetitions that are evidence (see above)."""
    out: dict[Any, dict[str, list[float]]] = {}
    for run in runs:
        per_name = out.setdefault(run.dataset_item_id, {name: [] for name in names})
        latest = _latest(scores.get(run.id, []))
        for name in names:
            score = latest.get(name)
            state = significance.score_state(score, run.status)
            if state == "scored":
                per_name[name].append(float(score["numeric_value"]))
            elif state == "target_error" and name in boolean:
                per_name[name].append(0.0)
    return out


def _stats(values: list[float], pass_fail: bool) -> dict[str, Any]:
    return {
        "mean": round(math.fsum(values) / len(values), 6) if values else None,
        # The sample standard deviation (n - 1): the spread a further repetition would show.
        "std": round(statistics.stdev(values), 6) if len(values) > 1 else None,
        "n": len(values),
        "flaky": pass_fail and len(set(values)) > 1,
    }


def per_item(runs: list[Any], scores: dict[Any, list[dict]]) -> list[dict[str, Any]]:
    """One entry per item, in the order of `runs`: how many runs it has, and per score name
    the mean and standard deviation over its repetitions and whether pass/fail differed."""
    names = sorted({s["name"] for run_scores in scores.values() for s in run_scores})
    boolean = _boolean_names(scores)
    counts: dict[Any, int] = {}
    for run in runs:
        counts[run.dataset_item_id] = counts.get(run.dataset_item_id, 0) + 1
    items = []
    for item, per_name in _outcomes(runs, scores, names, boolean).items():
        by_name = {name: _stats(values, name in boolean) for name, values in per_name.items()}
        items.append({
            "dataset_item_id": item,
            "runs": counts[item],
            "scores": by_name,
            "flaky": any(s["flaky"] for s in by_name.values()),
        })
    return items


def ks(repetitions: int) -> list[int]:
    """The k reported: 1, 2, 3, 5, 10, 20, 50, 100 up to the repetitions, and the
    repetitions themselves."""
    return sorted({k for k in K_STEPS if k <= repetitions} | {repetitions})


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased estimate of P(at least one of k attempts passes) from n attempts, c passed."""
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def pass_hat_k(n: int, c: int, k: int) -> float:
    """Unbiased estimate of P(all k attempts pass) from n attempts, c passed (pass^k)."""
    return math.comb(c, k) / math.comb(n, k)


def pass_summary(runs: list[Any], scores: dict[Any, list[dict]],
                 repetitions: int) -> dict[str, list[dict[str, Any]]]:
    """Per boolean score name, per k: pass@k and pass^k averaged over the items with at
    least k attempts that are evidence (`items`), and how many items had fewer."""
    boolean = sorted(_boolean_names(scores))
    outcomes = _outcomes(runs, scores, boolean, set(boolean))
    out: dict[str, list[dict[str, Any]]] = {}
    for name in boolean:
        tallies = [(len(v), int(sum(v))) for per_name in outcomes.values()
                   if (v := per_name[name])]
        rows = []
        for k in ks(repetitions):
            usable = [(n, c) for n, c in tallies if n >= k]
            rows.append({
                "k": k,
                "pass_at_k": _mean([pass_at_k(n, c, k) for n, c in usable]),
                "pass_hat_k": _mean([pass_hat_k(n, c, k) for n, c in usable]),
                "items": len(usable),
                "items_short": len(outcomes) - len(usable),
            })
        out[name] = rows
    return out


def _mean(values: list[float]) -> float | None:
    return round(math.fsum(values) / len(values), 6) if values else None


def for_results(runs: list[Any], scores: dict[Any, list[dict]],
                repetitions: int) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
    """(the results summary's repetition fields, the per-item statistics or None with one
    repetition, where they would only repeat the rows)."""
    items = per_item(runs, scores) if repetitions > 1 else None
    return {
        "repetitions": repetitions,
        "flaky_items": sum(1 for item in items if item["flaky"]) if items else 0,
        "pass_at_k": pass_summary(runs, scores, repetitions),
    }, items
