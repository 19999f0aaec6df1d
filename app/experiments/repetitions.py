"""Repetitions (issue 11 item 2): per-item statistics over an item's repeated runs, and the
pass@k / pass^k estimators for pass/fail (boolean) scores.

Pure (no database): results.py hands in the runs and their scores. A run counts for a score
as significance.score_state says: `scored` gives a value; a run that failed (target_error)
is a fail for a pass/fail score (the output never came, so it did not pass) and no value for
a numeric one; judge errors, missing scores, skipped and unfinished runs are no evidence
either way and are left out. docs/statistics.md names the formulas.
"""

import math
from dataclasses import dataclass, field
from typing import Any

from app.experiments import significance

K_STEPS = (1, 2, 3, 5, 10, 20, 50, 100)


@dataclass
class _Evidence:
    """What the runs say, gathered in one pass: per item and score name the scored values,
    per item its runs and failed runs, and which names are pass/fail."""

    values: dict[Any, dict[str, list[float]]] = field(default_factory=dict)
    runs: dict[Any, int] = field(default_factory=dict)
    failed: dict[Any, int] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    boolean: set[str] = field(default_factory=set)  # recorded as boolean
    numeric: set[str] = field(default_factory=set)  # some value other than 0 or 1
    valued: set[str] = field(default_factory=set)  # some value at all

    def pass_fail(self) -> set[str]:
        """Recorded as boolean (a judge's <name>_pass with a threshold, a human's true/false),
        or every value 0 or 1 (exact match, contains, regex...): compare's McNemar rule."""
        return self.boolean | (self.valued - self.numeric)

    def attempts(self, item: Any, name: str, pass_fail: set[str]) -> list[float]:
        """The item's values that count: scored runs, and for a pass/fail name its failed
        runs as fails."""
        scored = self.values[item].get(name, [])
        return scored + [0.0] * self.failed[item] if name in pass_fail else scored


def _gather(runs: list[Any], scores: dict[Any, list[dict]]) -> _Evidence:
    ev = _Evidence()
    for run in runs:
        item = run.dataset_item_id
        per_name = ev.values.setdefault(item, {})
        ev.runs[item] = ev.runs.get(item, 0) + 1
        ev.failed.setdefault(item, 0)
        latest = {s["name"]: s for s in scores.get(run.id, ())}  # a later score wins
        ev.names.update(latest)
        if run.status == "failed":  # its rows are target_error: no value
            ev.failed[item] += 1
            continue
        for name, score in latest.items():
            if score.get("data_type") == "boolean":
                ev.boolean.add(name)
            if significance.score_state(score, run.status) != "scored":
                continue
            value = float(score["numeric_value"])
            per_name.setdefault(name, []).append(value)
            ev.valued.add(name)
            if value not in (0.0, 1.0):
                ev.numeric.add(name)
    return ev


def _stats(values: list[float], pass_fail: bool) -> dict[str, Any]:
    n = len(values)
    mean = math.fsum(values) / n if n else None
    # The sample standard deviation (n - 1): the spread a further repetition would show.
    std = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else None
    return {
        "mean": None if mean is None else round(mean, 6),
        "std": None if std is None else round(std, 6),
        "n": n,
        "flaky": pass_fail and 0.0 < mean < 1.0 if n else False,
    }


def per_item(ev: _Evidence) -> list[dict[str, Any]]:
    """One entry per item, in the order of the runs: how many runs it has, and per score
    name the mean and standard deviation over its repetitions and whether pass/fail
    differed."""
    names, pass_fail = sorted(ev.names), ev.pass_fail()
    items = []
    for item in ev.values:
        by_name = {name: _stats(ev.attempts(item, name, pass_fail), name in pass_fail)
                   for name in names}
        items.append({"dataset_item_id": item, "runs": ev.runs[item], "scores": by_name,
                      "flaky": any(s["flaky"] for s in by_name.values())})
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


def pass_summary(ev: _Evidence, repetitions: int) -> dict[str, list[dict[str, Any]]]:
    """Per pass/fail score name, per k: pass@k and pass^k averaged over the items with at
    least k attempts that count (`items`), and how many items had fewer."""
    pass_fail = ev.pass_fail()
    out: dict[str, list[dict[str, Any]]] = {}
    for name in sorted(pass_fail):
        tallies = [(len(v), int(sum(v))) for item in ev.values
                   if (v := ev.attempts(item, name, pass_fail))]
        rows = []
        for k in ks(repetitions):
            usable = [(n, c) for n, c in tallies if n >= k]
            rows.append({
                "k": k,
                "pass_at_k": _mean([pass_at_k(n, c, k) for n, c in usable]),
                "pass_hat_k": _mean([pass_hat_k(n, c, k) for n, c in usable]),
                "items": len(usable),
                "items_short": len(ev.values) - len(usable),
            })
        out[name] = rows
    return out


def _mean(values: list[float]) -> float | None:
    return round(math.fsum(values) / len(values), 6) if values else None


def for_results(runs: list[Any], scores: dict[Any, list[dict]],
                repetitions: int) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
    """(the results summary's repetition fields, the per-item statistics). With one
    repetition nothing is computed (no per-item statistics, no pass@k: the rows and the
    evaluators' means say it all), so results cost what they did before repetitions."""
    if repetitions == 1:
        return {"repetitions": 1, "flaky_items": 0, "pass_at_k": {}}, None
    ev = _gather(runs, scores)
    items = per_item(ev)
    return {
        "repetitions": repetitions,
        "flaky_items": sum(1 for item in items if item["flaky"]),
        "pass_at_k": pass_summary(ev, repetitions),
    }, items
